using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Contract;

/// <summary>
/// The host of <see cref="ValeoApp"/> plus a log capture: every request carries <c>X-Fuzz-Case</c>, an outer
/// middleware puts it in an AsyncLocal, and errors logged while that request runs (e.g. by the exception handler)
/// are filed under the case, so a 500 in the report names its exception type and top stack frames.
/// </summary>
public sealed class MalformedInputApp : ValeoApp
{
    public const string CaseHeader = "X-Fuzz-Case";
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<IStartupFilter>(new CaseTagFilter());
        });
    }

    private sealed class CaseTagFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, Func<Task> inner) =>
            {
                LogCapture.CurrentCase.Value = http.Request.Headers[CaseHeader].ToString();
                await inner();
            });
            next(app);
        };
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? ExceptionType, string? ExceptionMessage, string? StackTop);

public sealed class LogCapture : ILoggerProvider
{
    public static readonly AsyncLocal<string?> CurrentCase = new();
    public ConcurrentDictionary<string, ConcurrentQueue<CapturedLog>> ByCase { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Warning || CurrentCase.Value is not { Length: > 0 } id) return;
            var root = exception;
            while (root is AggregateException { InnerException: not null } aggregate) root = aggregate.InnerException;
            var stack = root?.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Take(4).Select(l => l.Length > 220 ? l[..220] : l);
            owner.ByCase.GetOrAdd(id, _ => new()).Enqueue(new CapturedLog(category, logLevel, Trim(formatter(state, exception), 300),
                root?.GetType().FullName, root is null ? null : Trim(root.Message, 300), stack is null ? null : string.Join(" | ", stack)));
        }

        private static string Trim(string s, int n) => s.Length > n ? s[..n] + "…" : s;
    }
}

/// <summary>One operation of the served OpenAPI document.</summary>
public sealed record ApiOperation(string Method, string Template, IReadOnlyList<(string Name, string In, JsonObject? Schema)> Parameters,
    JsonObject? BodySchema, bool BodyRequired, bool Anonymous)
{
    /// <summary>The statuses the document declares for this operation (empty: not read from the document).</summary>
    public IReadOnlySet<int> Declared { get; init; } = new HashSet<int>();

    public bool IsWrite => Method is "POST" or "PUT" or "DELETE" or "PATCH";
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>Reads operations and schemas from the OpenAPI document (3.0 nullable and 3.1 shapes: refs, oneOf-with-null, type arrays).</summary>
public sealed class ApiDocument
{
    private readonly JsonObject _schemas;
    public IReadOnlyList<ApiOperation> Operations { get; }

    public ApiDocument(JsonNode document, ISet<string> anonymousTemplates)
    {
        _schemas = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, opNode) in item!.AsObject())
        {
            if (method is "parameters" or "summary" or "description" or "servers") continue;
            var op = opNode!.AsObject();
            var parameters = (op["parameters"]?.AsArray() ?? [])
                .Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"] as JsonObject)).ToList();
            JsonObject? body = null;
            var required = false;
            if (op["requestBody"] is JsonObject rb)
            {
                required = rb["required"]?.GetValue<bool>() ?? false;
                body = rb["content"]?["application/json"]?["schema"] as JsonObject
                       ?? rb["content"]?.AsObject().Select(c => c.Value?["schema"] as JsonObject).FirstOrDefault();
                body ??= new JsonObject();
            }
            var declared = (op["responses"]?.AsObject() ?? []).Select(r => int.TryParse(r.Key, out var status) ? status : 0).ToHashSet();
            operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, body, required, anonymousTemplates.Contains(path)) { Declared = declared });
        }
        Operations = operations;
    }

    /// <summary>Follows $ref and picks the non-null alternative of oneOf/anyOf.</summary>
    public JsonObject Resolve(JsonObject schema, int guard = 0)
    {
        if (guard > 20) return schema;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return _schemas[reference.Split('/').Last()] is JsonObject target ? Resolve(target, guard + 1) : new JsonObject();
        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
            if (schema[key] is JsonArray alternatives)
            {
                var real = alternatives.OfType<JsonObject>().FirstOrDefault(a => Types(a).SequenceEqual(["null"]) is false);
                if (real is not null) return Resolve(real, guard + 1);
            }
        return schema;
    }

    public static IReadOnlyList<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => [v.GetValue<string>()],
        JsonArray a => a.Select(t => t!.GetValue<string>()).ToList(),
        _ => [],
    };

    public static bool Nullable(JsonObject schema) =>
        Types(schema).Contains("null") || schema["nullable"]?.GetValue<bool>() == true ||
        // 3.0: an optional reference is written as the plain $ref and may be null
        schema["$ref"] is not null ||
        (schema["oneOf"] as JsonArray)?.OfType<JsonObject>().Any(a => Types(a).SequenceEqual(["null"])) == true;

    /// <summary>object, array, integer, number, boolean, string or any (numbers that also accept numeric strings count as numbers).</summary>
    public string KindOf(JsonObject raw)
    {
        var s = Resolve(raw);
        var t = Types(s);
        if (t.Contains("object") || s["properties"] is not null) return "object";
        if (t.Contains("array")) return "array";
        if (t.Contains("integer")) return "integer";
        if (t.Contains("number")) return "number";
        if (t.Contains("boolean")) return "boolean";
        if (t.Contains("string")) return "string";
        return "any";
    }

    /// <summary>A plausible body of the schema's shape; ids are never real (they are "x...").</summary>
    public JsonNode? Generate(JsonObject raw, string name, int depth = 0)
    {
        var s = Resolve(raw);
        switch (KindOf(raw))
        {
            case "object":
                var o = new JsonObject();
                if (depth > 6) return o;
                if (s["properties"] is JsonObject props)
                    foreach (var (key, value) in props)
                        o[key] = value is JsonObject ps ? Generate(ps, key, depth + 1) : null;
                else if (s["additionalProperties"] is JsonObject extra)
                    o["standard"] = Generate(extra, "standard", depth + 1);
                return o;
            case "array":
                return depth > 6 || s["items"] is not JsonObject items ? new JsonArray() : new JsonArray(Generate(items, name, depth + 1));
            case "integer": return JsonValue.Create(1);
            case "number": return JsonValue.Create(1.5m);
            case "boolean": return JsonValue.Create(false);
            case "string":
                if (s["enum"] is JsonArray { Count: > 0 } e) return e[0]!.DeepClone();
                return name.Contains("date", StringComparison.OrdinalIgnoreCase) ? "2026-03-02" : "x" + name;
            default: return JsonValue.Create("x");
        }
    }
}

/// <summary>A place in a generated body: the parent container, the key or index, and the schema there.</summary>
public sealed record BodySlot(JsonNode Parent, string? Key, int Index, JsonObject Schema, string Name, string Path)
{
    public void Set(JsonNode? value)
    {
        if (Key is not null) Parent.AsObject()[Key] = value;
        else Parent.AsArray()[Index] = value;
    }
}

/// <summary>Row counts and SHA-256 per table, read straight from the SQLite file, plus the row hashes for a diff.</summary>
public sealed class StoreSnapshot
{
    public SortedDictionary<string, (long Rows, string Sha256)> Tables { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _rows = new();

    public static StoreSnapshot Take(string databaseFile)
    {
        var snapshot = new StoreSnapshot();
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            var rows = new Dictionary<string, string>();
            var hashes = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i)).Append('=');
                    row.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                    row.Append('\u001f');
                }
                var text = row.ToString();
                var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                hashes.Add(hash);
                rows.TryAdd(hash, text.Length > 300 ? text[..300] + "…" : text);
            }
            hashes.Sort(StringComparer.Ordinal);
            snapshot.Tables[table] = (hashes.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", hashes)))));
            snapshot._rows[table] = rows;
        }
        return snapshot;
    }

    /// <summary>Tables whose count or checksum moved, with up to five rows that appeared or vanished each.</summary>
    public IReadOnlyList<string> Differences(StoreSnapshot after)
    {
        var lines = new List<string>();
        foreach (var table in Tables.Keys.Union(after.Tables.Keys).Order(StringComparer.Ordinal))
        {
            var b = Tables.GetValueOrDefault(table);
            var a = after.Tables.GetValueOrDefault(table);
            if (b == a) continue;
            lines.Add($"table {table}: rows {b.Rows} -> {a.Rows}, sha256 {Short(b.Sha256)} -> {Short(a.Sha256)}");
            var before = _rows.GetValueOrDefault(table) ?? new();
            var now = after._rows.GetValueOrDefault(table) ?? new();
            lines.AddRange(now.Where(r => !before.ContainsKey(r.Key)).Take(5).Select(r => $"    + {r.Value}"));
            lines.AddRange(before.Where(r => !now.ContainsKey(r.Key)).Take(5).Select(r => $"    - {r.Value}"));
        }
        return lines;
    }

    private static string Short(string? s) => s is null ? "∅" : s[..Math.Min(12, s.Length)];
}
