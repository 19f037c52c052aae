using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Web;
using Commissioning.Partnership.ApiKeys;
using Commissioning.Partnership.Audit;
using Commissioning.Partnership.Organisations;
using Commissioning.Partnership.People;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Commissioning.Partnership.Web;

/// <summary>The module's part of the integration API: the same actions as its pages.</summary>
internal static class PartnershipApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Partnership");

        api.MapGet("/me", (RequestContext me) => new { userId = me.UserId, organisation = me.Organisation, role = me.Role })
            .RequireSignedIn().WithSummary("Who the caller is: the key's organisation and role.");

        api.MapGet("/organisations", async (IMediator m, string? kind, PageRequest page, CancellationToken ct) => page.Of(await m.Send(new ListOrganisations(kind), ct)))
            .RequireSignedIn().WithSummary("The partnership's organisations (boroughs by GSS code, providers, private organisations).");
        api.MapGet("/organisations/{code}", async (IMediator m, string code, CancellationToken ct) =>
                (await m.Send(new ListOrganisations(null), ct)).FirstOrDefault(o => o.Code == code) is { } found
                    ? Results.Ok(found)
                    : Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no organisation with the code {code}."))
            .RequireSignedIn();
        api.MapPost("/organisations", async (IMediator m, RegisterOrganisation body, CancellationToken ct) =>
                Results.Created($"/api/v1/organisations/{body.Code}", await m.Send(body, ct)))
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Registers a provider or private organisation.");
        api.MapPut("/organisations/{code}/partnership-agreement", async (IMediator m, string code, AgreementBody body, CancellationToken ct) =>
            {
                await m.Send(new SignPartnershipAgreement(code, body.JoinedOn, body.DataSharingAgreement ?? ""), ct);
                return Results.NoContent();
            })
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Records a borough's sign-up date and data-sharing agreement.");

        api.MapGet("/partnership", (IMediator m, CancellationToken ct) => m.Send(new GetPartnershipOverview(), ct))
            .RequireSignedIn().WithSummary("The lead borough, the leadership agreement, the organisations and the pooled budget.");
        api.MapPut("/partnership/lead-borough", async (IMediator m, DesignateLeadBorough body, CancellationToken ct) =>
            {
                await m.Send(body, ct);
                return Results.NoContent();
            })
            .RequireRoles(Roles.PartnershipAdmin);
        api.MapPut("/partnership/pooled-budget/{financialYear}/{boroughCode}", async (IMediator m, string financialYear, string boroughCode, ContributionBody body, CancellationToken ct) =>
            {
                await m.Send(new SetPooledBudgetContribution(boroughCode, financialYear, body.Amount), ct);
                return Results.NoContent();
            })
            .RequireRoles(Roles.PartnershipAdmin, Roles.Finance).WithSummary("Sets a borough's pooled-budget contribution for a financial year (e.g. 2026-27).");

        api.MapGet("/people", (IMediator m, string? organisation, string? role, string? search, PageRequest page, CancellationToken ct) =>
                m.Send(new ListPeople(organisation, role, search, page), ct))
            .RequireRoles(Roles.PartnershipAdmin);
        api.MapGet("/people/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetPerson(id), ct))
            .RequireRoles(Roles.PartnershipAdmin);
        api.MapPost("/people", async (IMediator m, RegisterPerson body, CancellationToken ct) =>
            {
                var issued = await m.Send(body, ct);
                return Results.Created($"/api/v1/people/{issued.PersonId}", issued);
            })
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Creates an account; answers with a temporary password, shown once.");
        api.MapPost("/people/{id:guid}/password-reset", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ResetPassword(id), ct))
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Sets a temporary password (shown once); the person chooses their own at the next sign-in.");
        api.MapPost("/people/{id:guid}/disable", (IMediator m, Guid id, DisableBody body, CancellationToken ct) => m.Send(new DisableAccount(id, body.Reason ?? ""), ct))
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Disables an account (accounts are never deleted); its sessions end at once.");
        api.MapPost("/people/{id:guid}/enable", (IMediator m, Guid id, CancellationToken ct) => m.Send(new EnableAccount(id), ct))
            .RequireRoles(Roles.PartnershipAdmin);
        api.MapPost("/people/{id:guid}/unlock", (IMediator m, Guid id, CancellationToken ct) => m.Send(new UnlockAccount(id), ct))
            .RequireRoles(Roles.PartnershipAdmin);
        api.MapPost("/people/{id:guid}/second-factor-reset", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ResetSecondFactor(id), ct))
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Clears a lost authenticator; the person sets up a new one at the next sign-in.");

        api.MapGet("/api-keys", async (IMediator m, string? organisation, PageRequest page, CancellationToken ct) => page.Of(await m.Send(new ListApiKeys(organisation), ct)))
            .RequireRoles(Roles.PartnershipAdmin);
        api.MapPost("/api-keys", async (IMediator m, CreateApiKey body, CancellationToken ct) =>
            {
                var issued = await m.Send(body, ct);
                return Results.Created($"/api/v1/api-keys/{issued.Id}", issued);
            })
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Creates a key for one organisation and one role; the key is in this answer only.");
        api.MapPost("/api-keys/{id}/revoke", (IMediator m, string id, CancellationToken ct) => m.Send(new RevokeApiKey(id), ct))
            .RequireRoles(Roles.PartnershipAdmin);

        api.MapGet("/audit-log", (IMediator m, [AsParameters] AuditQuery q, PageRequest page, CancellationToken ct) =>
                m.Send(new SearchAuditLog(q.ToFilter(), page), ct))
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("Searches the audit log, newest first.");
        api.MapGet("/audit-log/export.csv", async (IMediator m, [AsParameters] AuditQuery q, CancellationToken ct) =>
                Results.Text(await m.Send(new ExportAuditLog(q.ToFilter()), ct), "text/csv; charset=utf-8"))
            .RequireRoles(Roles.PartnershipAdmin).WithSummary("The same search as CSV.");
    }


    internal sealed record AgreementBody(DateOnly? JoinedOn, string? DataSharingAgreement);

    internal sealed record ContributionBody(decimal? Amount);

    internal sealed record DisableBody(string? Reason);

    internal sealed record AuditQuery(
        DateOnly? From, DateOnly? To, string? UserId, string? Organisation, string? Action, string? RecordType, string? RecordId)
    {
        public AuditFilter ToFilter() => new(From, To, UserId, Organisation, Action, RecordType, RecordId);
    }
}
