using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ValeoErp.Durable.Engine;

/// <summary>
/// Newtonsoft settings for persisting <see cref="HistoryEvent"/>, <see cref="TaskMessage"/> and
/// <see cref="OrchestrationState"/>. These types are polymorphic (HistoryEvent subclasses, IDictionary tags), so
/// type names must be written; reading type names from storage is an arbitrary-type-instantiation risk if the file is
/// ever tampered with, hence the binder only admits DurableTask.Core types and BCL collections/primitives of them.
/// </summary>
internal static class DurableTaskJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Auto,
        SerializationBinder = new DurableTaskOnlyBinder(),
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        NullValueHandling = NullValueHandling.Ignore,
    };

    public static string Serialize<T>(T value) => JsonConvert.SerializeObject(value, typeof(T), Settings);

    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings)
        ?? throw new JsonSerializationException($"Stored {typeof(T).Name} deserialized to null.");

    private sealed class DurableTaskOnlyBinder : ISerializationBinder
    {
        private static readonly System.Reflection.Assembly CoreAssembly = typeof(HistoryEvent).Assembly;
        private static readonly DefaultSerializationBinder Inner = new();

        public Type BindToType(string? assemblyName, string typeName)
        {
            // Checked by name before resolving so that no foreign assembly is ever loaded.
            if (assemblyName is not ("DurableTask.Core" or "System.Private.CoreLib" or "mscorlib"))
            {
                throw new JsonSerializationException($"Type '{typeName}, {assemblyName}' is not allowed in durable state.");
            }

            Type type = Inner.BindToType(assemblyName, typeName);
            return IsAllowed(type)
                ? type
                : throw new JsonSerializationException($"Type '{type.FullName}' is not allowed in durable state.");
        }

        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
            Inner.BindToName(serializedType, out assemblyName, out typeName);

        private static bool IsAllowed(Type type)
        {
            if (type.Assembly == CoreAssembly || type.IsPrimitive || type == typeof(string) || type == typeof(DateTime))
            {
                return true;
            }

            if (type.IsArray)
            {
                return IsAllowed(type.GetElementType()!);
            }

            return type.IsGenericType
                && type.Namespace == "System.Collections.Generic"
                && type.GetGenericArguments().All(IsAllowed);
        }
    }
}
