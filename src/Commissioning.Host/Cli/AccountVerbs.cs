using System.Text.Json;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.Host.Composition;
using Commissioning.Host.Web;
using Commissioning.Messages.Partnership;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace Commissioning.Host.Cli;

/// <summary>Verbs for people who run the service: keys, the first accounts, and what the web app exposes.</summary>
internal static class AccountVerbs
{
    /// <summary>api.md: prints the new key as the only line of standard output, or a plain error on standard error.</summary>
    public static async Task<int> CreateApiKeyAsync(string[] args, CancellationToken cancellationToken)
    {
        var organisation = Option(args, "--organisation");
        var role = Option(args, "--role");
        if (organisation is null || role is null)
        {
            await Console.Error.WriteLineAsync("Give the organisation and the role: create-api-key --organisation <code> --role <role> [--label <text>]");
            return Verbs.Usage;
        }

        return await SendAsync(args, new IssueApiKey(organisation, role, Option(args, "--label")), issued => issued.Key, cancellationToken);
    }

    /// <summary>Prints the temporary password as the only line of standard output.</summary>
    public static async Task<int> CreateAccountAsync(string[] args, CancellationToken cancellationToken)
    {
        var (email, name, organisation, role) = (Option(args, "--email"), Option(args, "--name"), Option(args, "--organisation"), Option(args, "--role"));
        if (email is null || name is null || organisation is null || role is null)
        {
            await Console.Error.WriteLineAsync("Give all four: create-account --email <address> --name <full name> --organisation <code> --role <role>");
            return Verbs.Usage;
        }

        return await SendAsync(args, new CreateAccount(email, name, organisation, role), created => created.TemporaryPassword, cancellationToken);
    }

    /// <summary>
    /// Every endpoint and page of the web app with what it declares about who may call it, one JSON object per line.
    /// The authorisation matrix test reads this, so a new endpoint is covered without anyone listing it.
    /// </summary>
    public static async Task<int> ListEndpointsAsync(string[] args)
    {
        var placeholder = new DatabaseLocation { ConnectionString = "Host=unused.invalid;Database=unused" };
        var (app, _) = await WebHost.BuildAsync(args, placeholder);
        await using (app)
        {
            var routes = (IEndpointRouteBuilder)app;
            foreach (var endpoint in routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
            {
                var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
                var roles = authorize.Where(a => !string.IsNullOrEmpty(a.Roles))
                    .Select(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/'),
                    methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [],
                    page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                           || endpoint.Metadata.OfType<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>().Any(),
                    anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    declared = authorize.Count > 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    roles = roles.Count == 0 ? null : roles.Aggregate((a, b) => a.Intersect(b).ToArray()),
                    name = endpoint.DisplayName,
                }, JsonSerializerOptions.Web));
            }
        }

        return 0;
    }

    private static async Task<int> SendAsync<TResult>(string[] args, ICommand<TResult> command, Func<TResult, string> output, CancellationToken cancellationToken)
    {
        await using var host = await CliHost.StartAsync(args, cancellationToken);
        await using var scope = host.SystemScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
            Console.WriteLine(output(result));
            return 0;
        }
        catch (RequestValidationException invalid)
        {
            foreach (var message in invalid.Errors.SelectMany(e => e.Value))
            {
                await Console.Error.WriteLineAsync(message + ".");
            }

            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
