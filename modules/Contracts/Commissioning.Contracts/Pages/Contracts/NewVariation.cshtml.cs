using Commissioning.Contracts.BlockContracts;
using Commissioning.Contracts.Core;
using Commissioning.Contracts.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Contracts.Pages.Contracts;

[Authorize(Roles = ContractsAccess.Writers)]
internal sealed class NewVariationModel(IMediator mediator) : ContractsFormPage(mediator)
{
    public Guid Id { get; private set; }

    [BindProperty(Name = "effectiveFrom")] public string? EffectiveFrom { get; set; }
    [BindProperty(Name = "reason")] public string? Reason { get; set; }
    [BindProperty(Name = "bedsAdded")] public string? BedsAdded { get; set; }
    [BindProperty(Name = "bedsRemoved")] public string? BedsRemoved { get; set; }
    [BindProperty(Name = "version")] public long? Version { get; set; }

    public Dictionary<string, string?> Prices { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        var contract = await FindAsync(new GetBlockContract(id), cancellationToken);
        if (contract is null)
        {
            return NotFound();
        }

        Version = contract.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        var prices = new Dictionary<string, decimal>();
        foreach (var band in NeedBands.All.Select(NeedBands.Code))
        {
            Prices[band] = Request.Form[$"newWeeklyPrices.{band}"].ToString();
            if (ReadNumber($"newWeeklyPrices.{band}", Prices[band], $"The new {band} weekly price") is { } price)
            {
                prices[band] = price;
            }
        }

        var added = new List<BedRequest>();
        foreach (var line in (BedsAdded ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !int.TryParse(parts[2], out var count))
            {
                ModelState.AddModelError("bedsAdded", "Each line of beds added must be a home code, a band and a number, for example HOME-01, high, 1");
                continue;
            }

            added.Add(new BedRequest(parts[0], parts[1], count));
        }

        var (done, _) = await TrySendAsync(new ProposeContractVariation(
            id, ReadDate("effectiveFrom", EffectiveFrom, "The effective date"), Reason, added, Items(BedsRemoved), prices.Count == 0 ? null : prices, Version), cancellationToken);
        return done ? Redirect($"/contracts/{id}") : Page();
    }
}
