using Commissioning.BuildingBlocks.Web;
using MediatR;

namespace Commissioning.Contracts.Web;

/// <summary>The contracts form pages: the shared form behaviour (<see cref="FormPage"/>), named for this part's pages.</summary>
internal abstract class ContractsFormPage(IMediator mediator) : FormPage(mediator);
