using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Brokerage.SpotPurchases.Web;

/// <summary>The spot-purchase form pages: the shared form behaviour (<see cref="FormPage"/>), named for this part's pages.</summary>
internal abstract class SpotFormPage(IMediator mediator) : FormPage(mediator);
