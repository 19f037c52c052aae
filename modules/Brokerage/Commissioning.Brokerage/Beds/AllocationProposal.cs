using System.Globalization;
using System.Text.Json.Serialization;
using Commissioning.Brokerage.Matching;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;

namespace Commissioning.Brokerage.Beds;

/// <summary>
/// Every waiting referral (status <c>submitted</c>) against every free bed: the exact allocation (Hungarian) next to
/// first come, first served, with totals and the difference in plain English. A proposal only: nothing is
/// allocated; a person makes each offer from the offer page. Brokerage only.
/// </summary>
[ChildData]
[AllowedRoles(Roles.Brokerage)]
internal sealed record GetAllocationProposal : IQuery<AllocationProposalView>;

/// <summary>The proposal as the API and the page show it.</summary>
/// <param name="WaitingReferrals">Referrals waiting for a bed (status submitted).</param>
/// <param name="FreeBeds">Contracted beds nobody holds whose provider confirmed them available.</param>
/// <param name="Summary">The totals of both methods in one paragraph.</param>
/// <param name="Explanation">The difference in plain English: who is placed differently and why, who is left unplaced under each.</param>
/// <param name="NotMatchable">Waiting referrals that cannot be matched yet (missing details), with what they need.</param>
internal sealed record AllocationProposalView(
    DateTimeOffset ProposedAt,
    int WaitingReferrals,
    int FreeBeds,
    AllocationMethodView Exact,
    AllocationMethodView FirstComeFirstServed,
    IReadOnlyList<AllocationDifferenceView> Differences,
    string Summary,
    IReadOnlyList<string> Explanation,
    IReadOnlyList<string> NotMatchable) : IChildRecordContainer
{
    [JsonIgnore]
    public IEnumerable<IChildRecord> ChildRecords => Exact.Lines;
}

/// <summary>One method's allocation.</summary>
/// <param name="Method"><c>exact</c> or <c>first come, first served</c>.</param>
/// <param name="TotalValue">What the exact method maximises: placed value, score and urgency priority, summed.</param>
/// <param name="TotalScore">The placed beds' shortlist scores, summed.</param>
/// <param name="Unplaced">References of the referrals this method leaves without a bed.</param>
internal sealed record AllocationMethodView(
    string Method, int Placed, decimal TotalScore, decimal TotalValue, IReadOnlyList<AllocationLineView> Lines, IReadOnlyList<string> Unplaced);

/// <summary>One referral's proposed bed under one method, with the link to make that offer (a person decides).</summary>
internal sealed record AllocationLineView(
    Guid ReferralId, string Reference, string NeededBy, DateTimeOffset WaitingSince, string? BedId, string? HomeCode, string? ProviderCode, decimal? Score,
    decimal Value, string? OfferUrl) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord { get; init; } = null!;
}

/// <summary>How one referral fares under the exact method against first come, first served.</summary>
/// <param name="Change"><c>gains</c>, <c>loses</c> or <c>same</c>.</param>
internal sealed record AllocationDifferenceView(Guid ReferralId, string Reference, string Change, string? ExactBedId, string? FirstComeFirstServedBedId, string Explanation);

internal sealed class GetAllocationProposalHandler(MatchingReader reader, TimeProvider clock) : IRequestHandler<GetAllocationProposal, AllocationProposalView>
{
    public async Task<AllocationProposalView> Handle(GetAllocationProposal request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await reader.WaitingReferralsAsync(cancellationToken);
        var free = (await reader.ContractedBedsAsync(cancellationToken)).Where(b => b.Availability is { Confirmed: true }).ToList();
        var matchable = waiting.Where(r => r.Matching is not null).ToList();
        var proposal = AllocationEngine.Propose([.. matchable.Select(r => r.Matching!)], free, now, MatchingOptions.Default);
        return Describe(proposal, matchable, free, now, waiting.Count, [.. waiting.Where(r => r.Matching is null).Select(r => r.NotMatchable!)]);
    }

    /// <summary>The engine's proposal for people: references, offer links and the difference explained. Pure.</summary>
    internal static AllocationProposalView Describe(
        AllocationProposal proposal, IReadOnlyList<ReferralToMatch> referrals, IReadOnlyList<MatchingBed> freeBeds, DateTimeOffset now, int waiting,
        IReadOnlyList<string> notMatchable)
    {
        var byReference = referrals.ToDictionary(r => r.Reference, StringComparer.Ordinal);
        var providers = freeBeds.ToDictionary(b => b.BedId, b => b.Home.ProviderCode, StringComparer.Ordinal);
        var exact = Method(proposal.Exact, byReference, providers);
        var firstCome = Method(proposal.FirstComeFirstServed, byReference, providers);
        var differences = proposal.Differences
            .Select(d => new AllocationDifferenceView(byReference[d.ReferralId].ReferralId, d.ReferralId, d.Change, d.Exact.BedId, d.FirstComeFirstServed.BedId, d.Explanation))
            .ToList();
        return new AllocationProposalView(now, waiting, freeBeds.Count, exact, firstCome, differences, proposal.Summary,
            Explain(exact, firstCome, differences, byReference), notMatchable);
    }

    private static AllocationMethodView Method(Allocation allocation, Dictionary<string, ReferralToMatch> byReference, Dictionary<string, string> providers)
    {
        var lines = allocation.Lines.Select(l =>
        {
            var referral = byReference[l.ReferralId];
            return new AllocationLineView(referral.ReferralId, l.ReferralId, NeededByText(referral.Matching!.NeededBy), referral.Matching.WaitingSince,
                l.BedId, l.HomeCode, l.BedId is null ? null : providers[l.BedId], l.Score, l.Value,
                l.BedId is null ? null : $"/referrals/{referral.ReferralId}/offer?bedId={Uri.EscapeDataString(l.BedId)}")
            {
                ChildRecord = new ChildRecordKey("referral", referral.ReferralId.ToString(), referral.BoroughCode, referral.OfferedTo),
            };
        }).ToList();
        return new AllocationMethodView(allocation.Method, allocation.Placed, allocation.TotalScore, allocation.TotalValue, lines,
            [.. lines.Where(l => l.BedId is null).Select(l => l.Reference)]);
    }

    private static List<string> Explain(
        AllocationMethodView exact, AllocationMethodView firstCome, List<AllocationDifferenceView> differences, Dictionary<string, ReferralToMatch> byReference)
    {
        if (exact.Lines.Count == 0)
        {
            return ["No referral is waiting for a bed, so there is nothing to allocate."];
        }

        var sentences = new List<string>();
        var changed = differences.Where(d => d.ExactBedId != d.FirstComeFirstServedBedId).ToList();
        sentences.Add(changed.Count == 0
            ? "Both methods propose the same bed for every child."
            : $"{Count(changed.Count, "child is", "children are")} placed differently by the two methods:");
        foreach (var d in changed)
        {
            var urgency = NeededByText(byReference[d.Reference].Matching!.NeededBy);
            sentences.Add($"{d.Reference} (needed {urgency}, waiting since {byReference[d.Reference].Matching!.WaitingSince:d MMMM yyyy}): {d.Explanation}");
        }

        sentences.Add(exact.Unplaced.Count == 0
            ? "The exact allocation places every waiting child who has at least one suitable free bed."
            : $"Left without a bed under the exact allocation: {string.Join(", ", exact.Unplaced)}.");
        sentences.Add(firstCome.Unplaced.Count == 0
            ? "First come, first served places every waiting child who has at least one suitable free bed."
            : $"Left without a bed under first come, first served: {string.Join(", ", firstCome.Unplaced)}.");
        if (exact.Placed > firstCome.Placed)
        {
            sentences.Add($"The exact allocation places {Count(exact.Placed - firstCome.Placed, "more child", "more children")}: first come, first served lets earlier referrals take beds that were the only suitable ones for later children.");
        }
        else if (exact.TotalValue > firstCome.TotalValue)
        {
            sentences.Add($"Both place {exact.Placed}, but the exact allocation's total value is higher ({P(exact.TotalValue)} against {P(firstCome.TotalValue)}): it serves urgent and long-waiting children better, or places children in beds that suit them better.");
        }

        sentences.Add("This is a proposal: nothing is allocated until a person makes each offer.");
        return sentences;
    }

    internal static string NeededByText(NeededBy neededBy) => neededBy switch
    {
        NeededBy.Today => "today",
        NeededBy.InLessThan5Days => "in less than 5 days",
        _ => "in more than 5 days",
    };

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string P(decimal points) => points.ToString("0.#", CultureInfo.InvariantCulture);
}
