using System.Text.Json;

namespace ValeoErp.Functions.Triggers;

/// <summary>A function.json as the host reads it: its trigger binding and where the trigger comes from.</summary>
public sealed record FunctionDefinition(
    string Name, string TriggerType, string BindingName, string? Route, string? TopicName, string? SubscriptionName,
    string? Schedule, string? ContainerName, string? LeaseContainerName, bool IsSessionsEnabled = false, bool IsBatch = false);

/// <summary>
/// The repository's function folders (copied beside the handler): the local trigger runner drives them the
/// way the Functions host would, and tests check them against the app's endpoints and messaging.json.
/// </summary>
public sealed class FunctionCatalog(IReadOnlyList<FunctionDefinition> functions)
{
    public IReadOnlyList<FunctionDefinition> All { get; } = functions;

    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Functions");

    public static FunctionCatalog Load(string root) =>
        new(Directory.Exists(root)
            ? Directory.GetFiles(root, "function.json", SearchOption.AllDirectories).Select(Parse).OrderBy(f => f.Name).ToArray()
            : []);

    public static FunctionDefinition Parse(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var trigger = doc.RootElement.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        string? Text(string name) => trigger.TryGetProperty(name, out var v) ? v.GetString() : null;
        return new FunctionDefinition(Path.GetFileName(Path.GetDirectoryName(file))!, Text("type")!, Text("name")!, Text("route"),
            Text("topicName"), Text("subscriptionName"), Text("schedule"), Text("containerName"), Text("leaseContainerName"),
            trigger.TryGetProperty("isSessionsEnabled", out var sessions) && sessions.ValueKind == JsonValueKind.True,
            string.Equals(Text("cardinality"), "many", StringComparison.OrdinalIgnoreCase));
    }

    public FunctionDefinition? ForSubscription(string topic, string subscription) =>
        All.FirstOrDefault(f => f.TriggerType == "serviceBusTrigger" && f.TopicName == topic && f.SubscriptionName == subscription);
}
