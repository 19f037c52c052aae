using System.Text.RegularExpressions;
using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Contracts.Providers;

/// <summary>Registers a provider under a short code of its own (PRV-A); answers the code. Partnership then makes it an organisation.</summary>
[AllowedRoles(Roles.ContractManager, Roles.PartnershipAdmin)]
internal sealed record RegisterProvider(string Code, string Name, string? OfstedProviderReference, IReadOnlyList<ProviderContact> Contacts) : ICommand<string>;

internal sealed partial class RegisterProviderValidator : AbstractValidator<RegisterProvider>
{
    public RegisterProviderValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the provider's short code, for example PRV-D")
            .Must(c => CodePattern().IsMatch(c.Trim().ToUpperInvariant()))
            .WithMessage("The provider's code must be 2 to 20 letters, digits or hyphens, starting with a letter, for example PRV-D")
            .Must(c => !c.Trim().StartsWith("E0", StringComparison.OrdinalIgnoreCase))
            .WithMessage("The provider's code must not look like a borough's GSS code: choose one such as PRV-D");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the provider's registered name")
            .MaximumLength(200).WithMessage("The provider's name must be 200 characters or fewer");
        RuleFor(c => c.OfstedProviderReference).MaximumLength(20).WithMessage("The Ofsted provider reference must be 20 characters or fewer");
        RuleFor(c => c.Contacts).NotEmpty().WithMessage("Give at least one contact at the provider, with a name and an e-mail address");
        RuleForEach(c => c.Contacts).ChildRules(contact =>
        {
            contact.RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the contact's name")
                .MaximumLength(200).WithMessage("The contact's name must be 200 characters or fewer");
            contact.RuleFor(x => x.Email).NotEmpty().WithMessage("Enter the contact's e-mail address")
                .EmailAddress().WithMessage("Enter the contact's e-mail address in the right format, like name@example.org");
            contact.RuleFor(x => x.Phone).MaximumLength(30).WithMessage("The contact's phone number must be 30 characters or fewer");
        });
    }

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,19}$")]
    private static partial Regex CodePattern();
}

internal sealed class RegisterProviderHandler(
    [FromKeyedServices(ContractsModule.SchemaName)] EventStore store, UnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<RegisterProvider, string>
{
    public async Task<string> Handle(RegisterProvider request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        var streamId = ProviderStreams.For(code);
        if (await store.CurrentVersionAsync(streamId, cancellationToken) is > 0)
        {
            throw RequestValidationException.For("code", $"A provider with the code {code} is already registered: choose another code");
        }

        var contacts = request.Contacts
            .Select(c => new ProviderContact(c.Name.Trim(), c.Email.Trim(), string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim()))
            .ToList();
        var reference = string.IsNullOrWhiteSpace(request.OfstedProviderReference) ? null : request.OfstedProviderReference.Trim();
        unitOfWork.For(store).Append(streamId, ProviderStreams.StreamType, ExpectedVersion.NoStream,
            [new ProviderRegistered(code, request.Name.Trim(), reference, contacts, clock.GetUtcNow())]);
        return code;
    }
}
