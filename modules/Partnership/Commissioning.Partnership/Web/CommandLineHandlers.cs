using Commissioning.Messages.Partnership;
using Commissioning.Partnership.ApiKeys;
using Commissioning.Partnership.People;
using MediatR;

namespace Commissioning.Partnership.Web;

/// <summary>The command-line verbs' commands, answered by the module's own commands (same validation, same events).</summary>
internal sealed class CommandLineHandlers(IMediator mediator) :
    IRequestHandler<IssueApiKey, IssuedApiKey>, IRequestHandler<CreateAccount, CreatedAccount>
{
    public async Task<IssuedApiKey> Handle(IssueApiKey request, CancellationToken cancellationToken)
    {
        var issued = await mediator.Send(new CreateApiKey(request.OrganisationCode, request.Role, request.Label), cancellationToken);
        return new IssuedApiKey(issued.Id, issued.Key);
    }

    public async Task<CreatedAccount> Handle(CreateAccount request, CancellationToken cancellationToken)
    {
        var issued = await mediator.Send(new RegisterPerson(request.Email, request.Name, request.OrganisationCode, request.Role), cancellationToken);
        return new CreatedAccount(issued.PersonId, issued.TemporaryPassword);
    }
}
