using Commissioning.Host.Cli;
using Commissioning.Host.Web;

// One executable: the web host by default, or a command-line verb named as the first argument.
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (verb != "run")
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};

try
{
    return verb switch
    {
        "run" => await WebHost.RunAsync(rest),
        "migrate" => await Verbs.MigrateAsync(rest, cancel.Token),
        "rebuild-projections" => await Verbs.RebuildProjectionsAsync(rest, cancel.Token),
        "seed-demo" => await Verbs.SeedDemoAsync(rest, cancel.Token),
        "create-api-key" => await AccountVerbs.CreateApiKeyAsync(rest, cancel.Token),
        "create-account" => await AccountVerbs.CreateAccountAsync(rest, cancel.Token),
        "list-endpoints" => await AccountVerbs.ListEndpointsAsync(rest),
        "help" or "--help" => Help(),
        _ => Unknown(verb),
    };
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("Stopped.");
    return 130;
}

static int Help()
{
    Console.WriteLine(Verbs.Help);
    return 0;
}

static int Unknown(string verb)
{
    Console.Error.WriteLine($"'{verb}' is not a verb this host knows. Run with 'help' to see the verbs.");
    return Verbs.Usage;
}
