using Commissioning.Contracts.Core;
using Commissioning.Contracts.Providers;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Providers;

[Authorize(Roles = ContractsAccess.Writers)]
internal sealed class NewModel(IMediator mediator) : ContractsFormPage(mediator)
{
    [BindProperty(Name = "code")] public string? Code { get; set; }
    [BindProperty(Name = "name")] public string? Name { get; set; }
    [BindProperty(Name = "ofstedProviderReference")] public string? OfstedProviderReference { get; set; }
    [BindProperty(Name = "contacts[0].name")] public string? ContactName { get; set; }
    [BindProperty(Name = "contacts[0].email")] public string? ContactEmail { get; set; }
    [BindProperty(Name = "contacts[0].phone")] public string? ContactPhone { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (done, code) = await TrySendAsync(new RegisterProvider(Code ?? "", Name ?? "", OfstedProviderReference,
            [new ProviderContact(ContactName ?? "", ContactEmail ?? "", ContactPhone)]), cancellationToken);
        return done ? Redirect($"/providers/{code}") : Page();
    }
}
