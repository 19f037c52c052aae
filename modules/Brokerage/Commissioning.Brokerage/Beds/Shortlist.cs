using System.Text.Json.Serialization;
using Commissioning.Brokerage.Matching;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using MediatR;

namespace Commissioning.Brokerage.Beds;

/// <summary>
/// One referral's shortlist: every contracted bed, either a candidate (best first, with its score and every part of
/// it) or excluded (with every reason). Brokerage only; the page and <c>GET /api/v1/referrals/{id}/shortlist</c>
/// both send this, so they always show the same thing.
/// </summary>
[ChildData]
[AllowedRoles(Roles.Brokerage)]
internal sealed record GetShortlist(Guid ReferralId) : IQuery<ShortlistView>;

/// <summary>A shortlist as the API answers it (api.md), with the score parts and notes as extra fields.</summary>
/// <param name="Reference">The referral's pseudonymous reference.</param>
/// <param name="Candidates">Beds that pass every hard constraint, best first.</param>
/// <param name="Excluded">Beds that fail at least one, each with every reason.</param>
internal sealed record ShortlistView(
    Guid ReferralId,
    string Reference,
    string Status,
    DateOnly RequiredBy,
    IReadOnlyList<CandidateView> Candidates,
    IReadOnlyList<ExcludedBedView> Excluded) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord { get; init; } = null!;
}

/// <summary>A candidate bed.</summary>
/// <param name="Band">The band the bed is contracted at (code).</param>
/// <param name="Reasons">Every score part's sentence, then the notes.</param>
/// <param name="ScoreParts">The parts the score is the sum of, each with its points and sentence.</param>
/// <param name="Notes">What the person deciding should know that neither excludes nor scores.</param>
internal sealed record CandidateView(
    string BedId,
    string HomeCode,
    string ProviderCode,
    string Band,
    decimal Score,
    double DistanceMiles,
    DateOnly AvailableFrom,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ScorePartView> ScoreParts,
    IReadOnlyList<string> Notes);

/// <summary>One part of a candidate's score.</summary>
internal sealed record ScorePartView(string Name, decimal Points, string Explanation);

/// <summary>An excluded bed: every reason, in the order of the rules, and the rule each comes from.</summary>
internal sealed record ExcludedBedView(string BedId, string HomeCode, IReadOnlyList<string> Reasons, IReadOnlyList<string> Rules);

internal sealed class GetShortlistHandler(MatchingReader reader, TimeProvider clock) : IRequestHandler<GetShortlist, ShortlistView>
{
    public async Task<ShortlistView> Handle(GetShortlist request, CancellationToken cancellationToken)
    {
        var referral = await reader.ReferralAsync(request.ReferralId, cancellationToken)
                       ?? throw new NotFoundException("There is no referral with that id.");
        if (referral.Matching is not { } matching)
        {
            throw new ConflictException(referral.NotMatchable!);
        }

        var beds = await reader.ContractedBedsAsync(cancellationToken);
        var shortlist = ShortlistBuilder.Build(matching, beds, clock.GetUtcNow(), MatchingOptions.Default);
        return new ShortlistView(
            referral.ReferralId,
            referral.Reference,
            referral.Status,
            matching.RequiredBy,
            [.. shortlist.Candidates.Select(View)],
            [.. shortlist.Excluded.Select(e => new ExcludedBedView(e.BedId, e.HomeCode, [.. e.Reasons.Select(r => r.Text)], [.. e.Reasons.Select(r => r.Rule)]))])
        {
            ChildRecord = new ChildRecordKey("referral", referral.ReferralId.ToString(), referral.BoroughCode, referral.OfferedTo),
        };
    }

    internal static CandidateView View(Candidate c) => new(
        c.BedId, c.HomeCode, c.ProviderCode, NeedBands.Code(c.Band), c.Score, c.DistanceMiles, c.AvailableFrom, [.. c.Reasons],
        [.. c.Parts.Select(p => new ScorePartView(p.Name, p.Points, p.Explanation))], c.Notes);
}
