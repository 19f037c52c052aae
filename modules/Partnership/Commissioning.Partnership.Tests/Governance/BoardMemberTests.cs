using Commissioning.BuildingBlocks.EventStore;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Partnership.Governance.BoardMembers;
using Commissioning.TestKit;

namespace Commissioning.Partnership.Tests.Governance;

public sealed class BoardMemberTests
{
    private ModuleTestHost _host = null!;
    private long _referenceEvents;

    [SetUp]
    public async Task SetUp()
    {
        _host = await ModuleTestHost.StartAsync(new PartnershipModule());
        _referenceEvents = await _host.Store.CountAsync();
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    // The module starts with its reference data (the boroughs); what a test stores comes on top.
    private async Task<long> GovernanceEventsAsync() => await _host.Store.CountAsync() - _referenceEvents;

    [Test]
    public async Task An_appointed_member_is_listed_as_current_with_what_was_entered()
    {
        var id = await _host.SendAsync(
            new AppointBoardMember("  Amira Khan ", "Young people's representative", " e09000016", true, new DateOnly(2026, 3, 1), "person-42"), Actors.Admin);

        var board = await _host.SendAsync(new ListBoardMembers(), Actors.BoardMember);

        Assert.Multiple(() =>
        {
            Assert.That(board.Past, Is.Empty);
            Assert.That(board.Current, Is.EqualTo(new[]
            {
                new BoardMemberView(id, "Amira Khan", "Young people's representative", "E09000016", true, new DateOnly(2026, 3, 1), null, "person-42", true, 1),
            }));
        });
    }

    [Test]
    public async Task A_member_who_stood_down_moves_to_the_past_members_on_that_date()
    {
        var chair = await _host.SendAsync(new AppointBoardMember("Sam Patel", "Chair", null, false, new DateOnly(2024, 1, 10), null), Actors.Admin);
        await _host.SendAsync(new StandDownBoardMember(chair, new DateOnly(2026, 4, 2)), Actors.Admin);

        var beforeTheDate = await _host.SendAsync(new ListBoardMembers(), Actors.Admin);
        _host.Clock.Advance(TimeSpan.FromDays(1));
        var onTheDate = await _host.SendAsync(new ListBoardMembers(), Actors.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(beforeTheDate.Current.Select(m => m.MemberId), Is.EqualTo(new[] { chair }));
            Assert.That(onTheDate.Current, Is.Empty);
            Assert.That(onTheDate.Past.Single().StoodDownOn, Is.EqualTo(new DateOnly(2026, 4, 2)));
        });
    }

    [Test]
    public async Task Appointing_without_a_name_role_or_date_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var error = Assert.ThrowsAsync<RequestValidationException>(() =>
            _host.SendAsync(new AppointBoardMember(" ", "", "not a code!", false, null, null), Actors.Admin));

        Assert.Multiple(async () =>
        {
            Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "name", "roleOnBoard", "organisationCode", "appointedOn" }));
            Assert.That(error.Errors["name"], Is.EqualTo(new[] { "Enter the member's name" }));
            Assert.That(error.Errors["roleOnBoard"], Is.EqualTo(new[] { "Enter the member's role on the board, for example Chair" }));
            Assert.That(error.Errors["appointedOn"], Is.EqualTo(new[] { "Enter the date the member was appointed" }));
            Assert.That(await GovernanceEventsAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task Standing_down_before_the_appointment_date_is_refused_with_the_date_they_were_appointed()
    {
        var id = await _host.SendAsync(new AppointBoardMember("Sam Patel", "Chair", null, false, new DateOnly(2025, 6, 1), null), Actors.Admin);

        var error = Assert.ThrowsAsync<RequestValidationException>(() => _host.SendAsync(new StandDownBoardMember(id, new DateOnly(2025, 5, 31)), Actors.Admin));

        Assert.Multiple(async () =>
        {
            Assert.That(error!.Errors["stoodDownOn"], Is.EqualTo(new[]
            {
                "The date the member stood down must be on or after the date they were appointed, 1 June 2025",
            }));
            Assert.That(await GovernanceEventsAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_member_cannot_stand_down_twice()
    {
        var id = await _host.SendAsync(new AppointBoardMember("Sam Patel", "Chair", null, false, new DateOnly(2025, 6, 1), null), Actors.Admin);
        await _host.SendAsync(new StandDownBoardMember(id, new DateOnly(2026, 1, 31)), Actors.Admin);

        var error = Assert.ThrowsAsync<ConflictException>(() => _host.SendAsync(new StandDownBoardMember(id, new DateOnly(2026, 2, 1)), Actors.Admin));

        Assert.That(error!.Message, Is.EqualTo("This member already stood down on 31 January 2026."));
    }

    [Test]
    public async Task Standing_down_against_a_version_that_has_moved_on_is_refused_as_stale()
    {
        var id = await _host.SendAsync(new AppointBoardMember("Sam Patel", "Chair", null, false, new DateOnly(2025, 6, 1), null), Actors.Admin);
        var seen = (await _host.SendAsync(new GetBoardMember(id), Actors.Admin)).Version;

        Assert.ThrowsAsync<StreamVersionConflictException>(() => _host.SendAsync(new StandDownBoardMember(id, new DateOnly(2026, 1, 31), seen + 1), Actors.Admin));
        await _host.SendAsync(new StandDownBoardMember(id, new DateOnly(2026, 1, 31), seen), Actors.Admin);

        Assert.That((await _host.SendAsync(new GetBoardMember(id), Actors.Admin)).Version, Is.EqualTo(seen + 1));
    }

    [Test]
    public void An_unknown_member_is_not_found_for_reading_or_standing_down()
    {
        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new GetBoardMember(Guid.NewGuid()), Actors.Admin));
        Assert.ThrowsAsync<NotFoundException>(() => _host.SendAsync(new StandDownBoardMember(Guid.NewGuid(), new DateOnly(2026, 1, 1)), Actors.Admin));
    }

    [Test]
    public async Task A_board_member_may_read_the_board_but_not_change_it()
    {
        Assert.ThrowsAsync<ForbiddenException>(() =>
            _host.SendAsync(new AppointBoardMember("Sam Patel", "Chair", null, false, new DateOnly(2025, 6, 1), null), Actors.BoardMember));

        Assert.Multiple(async () =>
        {
            Assert.That(await _host.SendAsync(new ListBoardMembers(), Actors.BoardMember), Is.Not.Null);
            Assert.That(await GovernanceEventsAsync(), Is.Zero);
        });
    }

    [Test]
    public void Providers_and_referrers_may_not_read_governance()
    {
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new ListBoardMembers(), Actors.Provider));
        Assert.ThrowsAsync<ForbiddenException>(() => _host.SendAsync(new ListBoardMembers(), Actors.Referrer));
    }
}
