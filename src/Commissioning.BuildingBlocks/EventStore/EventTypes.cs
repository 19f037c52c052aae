using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commissioning.BuildingBlocks.EventStore;

/// <summary>
/// The stable name an event is stored under, for example <c>brokerage.referral-submitted.v1</c>. Never the CLR
/// type name: types can be renamed and moved, stored names cannot. Events are add-only; a changed shape is a new
/// version with an upcaster from the old one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string alias) : Attribute
{
    /// <summary>The stored name.</summary>
    public string Alias { get; } = alias;
}

/// <summary>Maps stored event names to CLR types and back, and upcasts old versions when they are read.</summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _aliases = [];
    private readonly Dictionary<string, (string Alias, Func<JsonObject, JsonObject> Upcast)> _upcasters = new(StringComparer.Ordinal);

    /// <summary>The JSON settings every event is stored with: camelCase, enums as strings.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>Registers every type in the assembly that carries <see cref="EventTypeAttribute"/>.</summary>
    public EventTypeRegistry RegisterAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<EventTypeAttribute>() is { } attribute)
            {
                Register(type, attribute.Alias);
            }
        }

        return this;
    }

    /// <summary>Registers one event type under its stored name.</summary>
    public EventTypeRegistry Register(Type type, string alias)
    {
        if (_types.TryGetValue(alias, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Event name '{alias}' is used by both {existing.FullName} and {type.FullName}.");
        }

        _types[alias] = type;
        _aliases[type] = alias;
        return this;
    }

    /// <summary>Reads events stored as <paramref name="oldAlias"/> as <paramref name="newAlias"/>, rewriting the JSON.</summary>
    public EventTypeRegistry Upcast(string oldAlias, string newAlias, Func<JsonObject, JsonObject> upcast)
    {
        _upcasters[oldAlias] = (newAlias, upcast);
        return this;
    }

    /// <summary>The stored name of an event type.</summary>
    public string AliasOf(Type type) => _aliases.TryGetValue(type, out var alias)
        ? alias
        : throw new InvalidOperationException(
            $"{type.FullName} has no stored event name. Mark it [EventType(\"module.what-happened.v1\")] and register its assembly.");

    /// <summary>Turns stored JSON back into the event object; unknown names come back as a <see cref="JsonElement"/>.</summary>
    public (string Alias, object Data) Deserialize(string alias, string json)
    {
        while (_upcasters.TryGetValue(alias, out var upcaster))
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? [];
            json = upcaster.Upcast(node).ToJsonString(SerializerOptions);
            alias = upcaster.Alias;
        }

        return _types.TryGetValue(alias, out var type)
            ? (alias, JsonSerializer.Deserialize(json, type, SerializerOptions)!)
            : (alias, JsonSerializer.Deserialize<JsonElement>(json, SerializerOptions));
    }

    /// <summary>The JSON an event is stored as.</summary>
    public static string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), SerializerOptions);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
