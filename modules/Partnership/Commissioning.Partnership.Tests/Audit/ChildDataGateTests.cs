using System.Text.Json.Serialization;
using Commissioning.BuildingBlocks.Audit;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.TestKit;
using MediatR;
using Npgsql;

namespace Commissioning.Partnership.Tests.Audit;

/// <summary>
/// The pipeline's single gate for child-level data, with the Partnership module's real audit log: a read in scope is
/// returned and audited; out of scope it is "not found" and nothing is audited. The records here stand in for
/// Brokerage's referrals, which arrive with that module.
/// </summary>
public sealed class ChildDataGateTests
{
    private const string Newham = "E09000025";
    private const string Hackney = "E09000012";

    private ModuleTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await ModuleTestHost.StartAsync(new PartnershipModule(), services => services.AddMessaging(typeof(ChildDataGateTests).Assembly));

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task A_borough_reading_its_own_childs_referral_gets_it_and_the_read_is_audited_with_who_what_and_how()
    {
        var id = Guid.NewGuid().ToString();

        var referral = await _host.SendAsync(new GetTestReferral(id, Newham, []), As(Roles.BoroughReferrer, Newham, "person-1"));

        Assert.That(referral.Id, Is.EqualTo(id));
        var audit = await AuditLinesAsync(id);
        Assert.That(audit, Is.EqualTo(new[] { "person-1|E09000025|borough-referrer|web|read|referral|GetTestReferral" }));
    }

    [Test]
    public async Task Another_borough_is_told_the_referral_does_not_exist_and_nothing_is_audited()
    {
        var id = Guid.NewGuid().ToString();

        Assert.That(async () => await _host.SendAsync(new GetTestReferral(id, Newham, []), As(Roles.BoroughManager, Hackney, "person-2")),
            Throws.TypeOf<NotFoundException>());
        Assert.That(await AuditLinesAsync(id), Is.Empty);
    }

    [Test]
    public async Task A_provider_sees_only_a_referral_it_was_offered()
    {
        var offered = Guid.NewGuid().ToString();
        var notOffered = Guid.NewGuid().ToString();

        var seen = await _host.SendAsync(new GetTestReferral(offered, Newham, ["PRV-A"]), As(Roles.Provider, "PRV-A", "key:abc", AccessChannel.Api));

        Assert.That(seen.Id, Is.EqualTo(offered));
        Assert.That(async () => await _host.SendAsync(new GetTestReferral(notOffered, Newham, ["PRV-B"]), As(Roles.Provider, "PRV-A", "key:abc", AccessChannel.Api)),
            Throws.TypeOf<NotFoundException>());
        Assert.That(await AuditLinesAsync(offered), Is.EqualTo(new[] { "key:abc|PRV-A|provider|api|read|referral|GetTestReferral" }));
    }

    [Test]
    public async Task The_brokerage_team_sees_every_boroughs_referrals_and_each_one_listed_is_audited()
    {
        var ids = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };

        var list = await _host.SendAsync(new ListTestReferrals([(ids[0], Newham), (ids[1], Hackney)]), As(Roles.Brokerage, "E09000016", "person-3"));

        Assert.That(list.Select(r => r.Id), Is.EqualTo(ids));
        Assert.That(await AuditLinesAsync(ids[0]), Has.Count.EqualTo(1));
        Assert.That(await AuditLinesAsync(ids[1]), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_list_query_that_forgot_to_filter_by_scope_fails_loudly_instead_of_leaking()
    {
        Assert.That(async () => await _host.SendAsync(new ListTestReferrals([(Guid.NewGuid().ToString(), Newham), (Guid.NewGuid().ToString(), Hackney)]),
                As(Roles.BoroughReferrer, Newham, "person-4")),
            Throws.InvalidOperationException.With.Message.Contains("must filter with ChildDataScope"));
    }

    [Test]
    public void A_board_member_has_no_child_level_reach_at_all() =>
        Assert.That(ChildDataScope.For(Context(Roles.BoardMember, Newham)).Allows(new ChildRecordKey("referral", "x", Newham, [])), Is.False);

    [Test]
    public async Task A_change_to_a_childs_record_is_audited_as_a_change()
    {
        var id = Guid.NewGuid().ToString();

        await _host.SendAsync(new ChangeTestReferral(id, Newham), As(Roles.BoroughReferrer, Newham, "person-5"));

        Assert.That(await AuditLinesAsync(id), Is.EqualTo(new[] { "person-5|E09000025|borough-referrer|web|change|referral|ChangeTestReferral" }));
    }

    [Test]
    public async Task The_audit_log_cannot_be_edited_or_deleted()
    {
        await _host.SendAsync(new GetTestReferral(Guid.NewGuid().ToString(), Newham, []), As(Roles.BoroughReferrer, Newham, "person-6"));

        Assert.Multiple(() =>
        {
            Assert.That(async () => await ExecuteAsync("UPDATE partnership.audit_log SET user_id = 'someone else'"),
                Throws.TypeOf<PostgresException>().With.Message.Contains("append-only"));
            Assert.That(async () => await ExecuteAsync("DELETE FROM partnership.audit_log"), Throws.TypeOf<PostgresException>().With.Message.Contains("append-only"));
        });
    }

    private static Action<RequestContext> As(string role, string organisation, string user, AccessChannel channel = AccessChannel.Web) =>
        context => context.SignIn(user, organisation, role, channel);

    private static RequestContext Context(string role, string organisation)
    {
        var context = new RequestContext();
        context.SignIn("someone", organisation, role, AccessChannel.Web);
        return context;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _host.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> AuditLinesAsync(string recordId)
    {
        await using var command = _host.Database.DataSource.CreateCommand("""
            SELECT concat_ws('|', user_id, organisation, role, channel, action, record_type, operation) FROM partnership.audit_log WHERE record_id = $1 ORDER BY id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = recordId });
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}

internal sealed record TestReferral(string Id, string Borough, IReadOnlyCollection<string> OfferedTo) : IChildRecord
{
    [JsonIgnore]
    public ChildRecordKey ChildRecord => new("referral", Id, Borough, OfferedTo);
}

[ChildData]
[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer, Roles.BoroughManager, Roles.Provider)]
internal sealed record GetTestReferral(string Id, string Borough, IReadOnlyCollection<string> OfferedTo) : IQuery<TestReferral>;

/// <summary>A list that returns what it is given, unfiltered: the gate must catch it when the caller's scope is narrower.</summary>
[ChildData]
[AllowedRoles(Roles.Brokerage, Roles.BoroughReferrer)]
internal sealed record ListTestReferrals(IReadOnlyList<(string Id, string Borough)> Referrals) : IQuery<IReadOnlyList<TestReferral>>;

[ChildData]
[AllowedRoles(Roles.BoroughReferrer)]
internal sealed record ChangeTestReferral(string Id, string Borough) : ICommand<TestReferral>;

internal sealed class TestReferralHandlers :
    IRequestHandler<GetTestReferral, TestReferral>, IRequestHandler<ListTestReferrals, IReadOnlyList<TestReferral>>, IRequestHandler<ChangeTestReferral, TestReferral>
{
    public Task<TestReferral> Handle(GetTestReferral request, CancellationToken cancellationToken) =>
        Task.FromResult(new TestReferral(request.Id, request.Borough, request.OfferedTo));

    public Task<IReadOnlyList<TestReferral>> Handle(ListTestReferrals request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TestReferral>>(request.Referrals.Select(r => new TestReferral(r.Id, r.Borough, [])).ToList());

    public Task<TestReferral> Handle(ChangeTestReferral request, CancellationToken cancellationToken) =>
        Task.FromResult(new TestReferral(request.Id, request.Borough, []));
}
