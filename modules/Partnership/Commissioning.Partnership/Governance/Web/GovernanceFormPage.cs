using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Partnership.Governance.Web;

/// <summary>The governance form pages: the shared form behaviour (<see cref="FormPage"/>), named for this part's pages.</summary>
internal abstract class GovernanceFormPage(IMediator mediator) : FormPage(mediator);
