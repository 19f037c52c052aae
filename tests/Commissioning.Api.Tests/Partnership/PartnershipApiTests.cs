using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commissioning.BuildingBlocks.Identity;
using Commissioning.TestKit;

namespace Commissioning.Api.Tests.Partnership;

/// <summary>The Partnership module through the API and the command line: keys, organisations, the pooled budget and the audit log.</summary>
public sealed class PartnershipApiTests : RunningHost
{
    private const string Newham = "E09000025";

    [Test]
    public async Task The_create_api_key_verb_prints_only_the_key_and_the_key_acts_for_its_organisation_and_role()
    {
        var created = await HostProcess.RunCliAsync(["create-api-key", "--organisation", Newham, "--role", Roles.BoroughReferrer], Database.ConnectionString);
        var lines = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(created.ExitCode, Is.Zero, created.Error);
        Assert.That(lines, Has.Length.EqualTo(1));

        using var client = Keys.Client(lines[0].Trim());
        var me = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("organisation").GetString(), Is.EqualTo(Newham));
            Assert.That(me.GetProperty("role").GetString(), Is.EqualTo(Roles.BoroughReferrer));
        });
    }

    [Test]
    public async Task The_create_api_key_verb_refuses_an_unknown_organisation_or_role_in_plain_english_on_standard_error()
    {
        var unknownOrganisation = await HostProcess.RunCliAsync(["create-api-key", "--organisation", "NOPE", "--role", Roles.Provider], Database.ConnectionString);
        var unknownRole = await HostProcess.RunCliAsync(["create-api-key", "--organisation", Newham, "--role", "superuser"], Database.ConnectionString);
        var brokerageOutsideTheLead = await HostProcess.RunCliAsync(["create-api-key", "--organisation", Newham, "--role", Roles.Brokerage], Database.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(unknownOrganisation.ExitCode, Is.Not.Zero);
            Assert.That(unknownOrganisation.Output, Is.Empty);
            Assert.That(unknownOrganisation.Error, Does.Contain("There is no organisation with the code NOPE"));
            Assert.That(unknownRole.Error, Does.Contain("Give one of the roles"));
            Assert.That(brokerageOutsideTheLead.Error, Does.Contain("Only the lead borough's staff can hold the brokerage role"));
        });
    }

    [Test]
    public async Task A_revoked_key_is_refused_with_401_and_the_list_shows_when_each_key_was_last_used()
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        using var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { organisationCode = Newham, role = Roles.BoroughManager, label = "Newham case system" });
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var key = Keys.Client(issued.GetProperty("key").GetString()!);
        using (var used = await key.GetAsync(new Uri("/api/v1/organisations", UriKind.Relative)))
        {
            Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var listed = (await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/api-keys?pageSize=200", UriKind.Relative))).GetProperty("items");
        var entry = listed.EnumerateArray().Single(k => k.GetProperty("id").GetString() == issued.GetProperty("id").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(entry.GetProperty("lastUsedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(entry.TryGetProperty("secretHash", out _) || entry.TryGetProperty("key", out _), Is.False, "the list never shows the key");
        });

        using var revoked = await admin.PostAsync(new Uri($"/api/v1/api-keys/{issued.GetProperty("id").GetString()}/revoke", UriKind.Relative), null);
        using var refused = await key.GetAsync(new Uri("/api/v1/organisations", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    [Test]
    public async Task The_eight_nelcp_boroughs_are_there_from_the_start_with_havering_leading()
    {
        using var board = await Keys.ClientAsync(Newham, Roles.BoardMember);
        var overview = await board.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/partnership", UriKind.Relative));
        var boroughs = overview.GetProperty("organisations").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == "borough").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(overview.GetProperty("leadBoroughCode").GetString(), Is.EqualTo("E09000016"));
            Assert.That(boroughs.Select(b => b.GetProperty("gssCode").GetString()), Is.EquivalentTo(new[]
                { "E09000016", "E09000002", "E09000030", "E09000025", "E09000031", "E09000026", "E09000012", "E09000001" }));
            Assert.That(boroughs.Single(b => b.GetProperty("code").GetString() == Newham).GetProperty("laNumber").GetString(), Is.EqualTo("316"));
        });
    }

    [Test]
    public async Task Pooled_budget_contributions_give_each_boroughs_share_and_bad_input_names_the_field_and_stores_nothing()
    {
        using var finance = await Keys.ClientAsync("E09000016", Roles.Finance);
        using var first = await finance.PutAsJsonAsync("/api/v1/partnership/pooled-budget/2030-31/E09000016", new { amount = 300000.00m });
        using var second = await finance.PutAsJsonAsync("/api/v1/partnership/pooled-budget/2030-31/E09000002", new { amount = 100000.00m });
        using var badYear = await finance.PutAsJsonAsync("/api/v1/partnership/pooled-budget/2030/E09000002", new { amount = 5m });
        using var badAmount = await finance.PutAsJsonAsync("/api/v1/partnership/pooled-budget/2030-31/E09000002", new { amount = "lots" });
        using var negative = await finance.PutAsJsonAsync("/api/v1/partnership/pooled-budget/2030-31/E09000002", new { amount = -1m });

        var overview = await finance.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/partnership", UriKind.Relative));
        var year = overview.GetProperty("contributions").EnumerateArray().Where(c => c.GetProperty("financialYear").GetString() == "2030-31").ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(year.Single(c => c.GetProperty("boroughCode").GetString() == "E09000016").GetProperty("sharePercent").GetDecimal(), Is.EqualTo(75.00m));
            Assert.That(year.Single(c => c.GetProperty("boroughCode").GetString() == "E09000002").GetProperty("amount").GetDecimal(), Is.EqualTo(100000.00m));
            Assert.That(await Errors(badYear), Does.ContainKey("financialYear"));
            Assert.That(await Errors(badAmount), Does.ContainKey("amount"));
            Assert.That((await Errors(negative))["amount"], Does.Contain("The contribution cannot be negative"));
        });
    }

    [Test]
    public async Task Registering_a_person_with_an_email_already_used_is_refused_and_names_the_field()
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        var email = $"duplicate.{Guid.NewGuid():N}@example.gov.uk";
        using var first = await admin.PostAsJsonAsync("/api/v1/people", new { email, name = "First", organisationCode = Newham, role = Roles.BoroughReferrer });
        using var second = await admin.PostAsJsonAsync("/api/v1/people", new { email = email.ToUpperInvariant(), name = "Second", organisationCode = Newham, role = Roles.BoroughReferrer });

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first.Headers.Location?.ToString(), Does.StartWith("/api/v1/people/"));
            Assert.That((await Errors(second))["email"], Does.Contain("An account with this e-mail address already exists"));
        });
    }

    [Test]
    public async Task The_admin_can_search_the_audit_log_and_export_it_as_csv()
    {
        var (session, personId, _, _) = await Keys.SignedInPersonAsync(Newham, Roles.BoroughManager);
        session.Dispose();
        using var admin = Keys.Client(await Keys.AdminKeyAsync());

        var page = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/audit-log?recordType=account&recordId={personId}", UriKind.Relative));
        var operations = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("operation").GetString()).ToList();
        using var csv = await admin.GetAsync(new Uri($"/api/v1/audit-log/export.csv?recordId={personId}", UriKind.Relative));
        var text = await csv.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(operations, Is.SupersetOf(new[] { "account-registered", "signed-in", "password-changed" }));
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(operations.Count));
            Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(text, Does.StartWith("occurredAt,userId,organisation,role,channel,action,recordType,recordId,operation,correlationId"));
            Assert.That(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(operations.Count + 1));
        });
    }

    [Test]
    public async Task Creating_a_key_twice_with_one_idempotency_key_creates_one_key_and_the_stored_answer_does_not_hold_it_in_clear()
    {
        using var admin = Keys.Client(await Keys.AdminKeyAsync());
        var label = $"Retried {Guid.NewGuid():N}";
        async Task<string> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys")
            {
                Content = JsonContent.Create(new { organisationCode = Newham, role = Roles.BoroughReferrer, label }),
            };
            request.Headers.Add("Idempotency-Key", "create-" + label);
            using var response = await admin.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        }

        var first = await CreateAsync();
        var second = await CreateAsync();
        var keys = (await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/api-keys?pageSize=200", UriKind.Relative))).GetProperty("items");
        await using var stored = Database.DataSource.CreateCommand("SELECT count(*) FROM api.idempotency_keys WHERE position(convert_to($1, 'UTF8') in body) > 0");
        stored.Parameters.Add(new Npgsql.NpgsqlParameter { Value = first });

        Assert.Multiple(async () =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(keys.EnumerateArray().Count(k => k.GetProperty("label").GetString() == label), Is.EqualTo(1));
            Assert.That(await stored.ExecuteScalarAsync(), Is.EqualTo(0L));
        });
    }

    private static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(JsonSerializerOptions.Web)!;
    }
}
