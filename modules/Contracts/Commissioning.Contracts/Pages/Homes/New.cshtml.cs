using Commissioning.Contracts.Core;
using Commissioning.Contracts.Homes;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Homes;

[Authorize(Roles = ContractsAccess.Writers)]
internal sealed class NewModel(IMediator mediator) : ContractsFormPage(mediator)
{
    [BindProperty(Name = "code")] public string? Code { get; set; }
    [BindProperty(Name = "providerCode")] public string? ProviderCode { get; set; }
    [BindProperty(Name = "ofstedUrn")] public string? OfstedUrn { get; set; }
    [BindProperty(Name = "name")] public string? Name { get; set; }
    [BindProperty(Name = "postcode")] public string? Postcode { get; set; }
    [BindProperty(Name = "registeredPlaces")] public string? RegisteredPlaces { get; set; }
    [BindProperty(Name = "minimumAge")] public string? MinimumAge { get; set; }
    [BindProperty(Name = "maximumAge")] public string? MaximumAge { get; set; }
    [BindProperty(Name = "sexes")] public string? Sexes { get; set; }
    [BindProperty(Name = "bands")] public string? Bands { get; set; }
    [BindProperty(Name = "specialisms")] public string? Specialisms { get; set; }
    [BindProperty(Name = "statementOfPurposeLimits")] public string? StatementOfPurposeLimits { get; set; }
    [BindProperty(Name = "homeMixLimit")] public string? HomeMixLimit { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var details = new HomeInput(OfstedUrn, Name, Postcode,
            ReadWhole("registeredPlaces", RegisteredPlaces, "The registered places"), ReadWhole("minimumAge", MinimumAge, "The youngest age"),
            ReadWhole("maximumAge", MaximumAge, "The oldest age"), Items(Sexes), Items(Bands), Items(Specialisms), Items(StatementOfPurposeLimits),
            ReadWhole("homeMixLimit", HomeMixLimit, "The home-mix limit"));
        var (done, code) = await TrySendAsync(new RegisterHome(Code ?? "", ProviderCode ?? "", details), cancellationToken);
        return done ? Redirect($"/homes/{code}") : Page();
    }
}
