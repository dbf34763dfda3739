using System.Text;
using System.Text.Json.Nodes;

namespace ValeoErp.Tests.Contract;

/// <summary>What a malformed request breaks.</summary>
public enum Mutation
{
    // body mutations
    WrongType, NullInArray, NumberOutOfRange, UnknownEnum, HugeString, DeepNesting, Truncated, NonJson, TopLevelShape,
    InvalidToken, WrongContentType, EmptyBody, Oversized,
    // header, id and query mutations
    IfMatchOnly, MissingIfMatch, JunkIfMatch, JunkId, Query, WrongMethod, Handcrafted,
}

public sealed record FuzzCase(int Id, ApiOperation Operation, Mutation Mutation, string Detail, string Method, string Url,
    byte[]? Body, string? ContentType, IReadOnlyList<(string Name, string Value)> Headers, bool RealId)
{
    public string BodySample => Body is null ? "(no body)" : Body.Length == 0 ? "(empty body)" : Sample(Body);

    private static string Sample(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 240));
        text = new string(text.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return body.Length > 240 ? $"{text}… ({body.Length:N0} bytes)" : text;
    }
}

/// <summary>
/// Seeded generator of malformed requests. Every request is invalid by construction: a wrong JSON type, a null
/// element, an out-of-range number, an unknown enum member, a 100,000-character string, 1,000 levels of nesting,
/// broken JSON or a wrong content type in the body; PUTs never carry a real ETag; commands without a body and
/// state-changing commands only see junk ids; the dev token never sees a valid request for a new tenant.
/// </summary>
public sealed class MalformedInputGenerator(ApiDocument document, IReadOnlyDictionary<string, string> realIds, int seed)
{
    public const string DevTokenPath = "/api/v1/dev/token";
    private const string Raw = "__FUZZ_RAW_TOKEN__";
    private readonly Random _rng = new(seed);
    private int _next;

    private static readonly Mutation[] BodyMutations =
    [
        Mutation.WrongType, Mutation.NullInArray, Mutation.NumberOutOfRange, Mutation.UnknownEnum, Mutation.HugeString,
        Mutation.DeepNesting, Mutation.Truncated, Mutation.NonJson, Mutation.TopLevelShape, Mutation.InvalidToken,
        Mutation.WrongContentType, Mutation.EmptyBody, Mutation.Oversized,
    ];

    /// <summary>Rejected by the JSON reader or the binder whatever the rest of the body, so safe against a real id.</summary>
    private static readonly HashSet<Mutation> TypeLevel =
    [
        Mutation.WrongType, Mutation.NullInArray, Mutation.NumberOutOfRange, Mutation.DeepNesting, Mutation.Truncated,
        Mutation.NonJson, Mutation.TopLevelShape, Mutation.InvalidToken, Mutation.Oversized,
    ];

    private static readonly HashSet<string> EnumLike = new(StringComparer.OrdinalIgnoreCase)
        { "taxTreatment", "vatCategory", "category", "kind", "role", "roles", "status", "documentType", "state" };

    public List<FuzzCase> Generate(IEnumerable<ApiOperation> operations, int target)
    {
        var ops = operations.ToList();
        var cases = new List<FuzzCase>();
        // First pass: every operation with every mutation that applies to it.
        foreach (var op in ops)
        {
            if (op.Template == DevTokenPath) cases.AddRange(DevTokenHandcrafted(op));
            foreach (var mutation in Applicable(op))
                cases.Add(Build(op, mutation));
            if (op.Method == "GET")
                for (var i = 0; i < 3; i++) cases.Add(Build(op, Mutation.Query));
            if (op.Method == "GET" && op.Parameters.Any(p => p.Name == "continuation"))
                foreach (var token in new[] { "[null,null]", "[\"zz\",\"zz\"]", "[1e400,{}]" })
                {
                    var c = Build(op, Mutation.Query);
                    var url = c.Url.Split('?')[0] + "?continuation=" + Uri.EscapeDataString(B64(token));
                    cases.Add(c with { Url = url, Detail = $"continuation base64({token})" });
                }
        }
        // Fill: writes with a body weigh three, other writes one; oversized bodies are kept rare (they are slow).
        var pool = ops.Where(o => o.IsWrite).SelectMany(o => Enumerable.Repeat(o, o.BodySchema is null ? 1 : 3)).ToList();
        while (cases.Count < target)
        {
            var op = pool[_rng.Next(pool.Count)];
            var applicable = Applicable(op);
            var mutation = applicable[_rng.Next(applicable.Count)];
            if (mutation == Mutation.Oversized && _rng.NextDouble() > 0.25) mutation = Mutation.WrongType;
            cases.Add(Build(op, mutation));
        }
        return cases;
    }

    private List<Mutation> Applicable(ApiOperation op)
    {
        var list = new List<Mutation>();
        var hasId = op.Parameters.Any(p => p.In == "path");
        if (op.Method == "GET")
        {
            list.Add(Mutation.Query);
            if (hasId) list.Add(Mutation.JunkId);
        }
        else if (op.BodySchema is not null)
        {
            list.AddRange(BodyMutations);
            if (op.Method == "PUT") list.Add(Mutation.IfMatchOnly);
            if (op.Template != DevTokenPath) list.Add(Mutation.Query);
        }
        else if (op.Method == "DELETE") list.AddRange([Mutation.MissingIfMatch, Mutation.JunkIfMatch, Mutation.JunkId, Mutation.Query]);
        else list.AddRange([Mutation.JunkId, Mutation.JunkIfMatch, Mutation.Query]); // commands without a body: junk ids only
        list.Add(Mutation.WrongMethod);
        return list;
    }

    private FuzzCase Build(ApiOperation op, Mutation mutation)
    {
        var id = Interlocked.Increment(ref _next);
        var method = op.Method;
        var details = new List<string>();

        if (mutation == Mutation.WrongMethod)
        {
            var defined = document.Operations.Where(o => o.Template == op.Template).Select(o => o.Method).ToHashSet();
            var candidates = new[] { "POST", "PUT", "DELETE", "PATCH" }.Where(m => !defined.Contains(m)).ToList();
            if (candidates.Count == 0) mutation = Mutation.Query;
            else
            {
                method = candidates[_rng.Next(candidates.Count)];
                details.Add($"method {method} not defined here");
            }
        }

        // Path: a real id only where no mutation of this kind can legitimately change anything.
        var useReal = method switch
        {
            _ when mutation is Mutation.JunkId => false,
            _ when mutation is Mutation.WrongMethod => true,
            "GET" => true,
            "PUT" => true, // never carries a real ETag
            "DELETE" => mutation is Mutation.MissingIfMatch or Mutation.JunkIfMatch,
            _ when op.BodySchema is null => false,
            _ when op.BodyRequired => TypeLevel.Contains(mutation) || mutation is Mutation.EmptyBody or Mutation.WrongContentType,
            _ => TypeLevel.Contains(mutation),
        } && _rng.NextDouble() < 0.7;
        var realUsed = false;
        var url = new StringBuilder();
        foreach (var segment in op.Template.Split('/'))
        {
            if (url.Length > 0 || segment.Length > 0) url.Append('/');
            var open = segment.IndexOf('{');
            var close = segment.IndexOf('}');
            if (open >= 0 && close > open)
            {
                string value;
                if (useReal && RealIdFor(op.Template) is { } real) { value = real; realUsed = true; }
                else value = JunkId();
                url.Append(segment[..open]).Append(Uri.EscapeDataString(value)).Append(segment[(close + 1)..]);
            }
            else url.Append(segment);
        }
        if (url.Length == 0) url.Append('/');
        details.Add(realUsed ? "real id" : op.Template.Contains('{') ? "junk id" : "no id");

        if (mutation == Mutation.Query || _rng.NextDouble() < 0.15) url.Append(JunkQuery(op, details));

        // Headers.
        var headers = new List<(string, string)>();
        if (method == "PUT" || (method == "DELETE" && mutation != Mutation.MissingIfMatch))
        {
            if (mutation == Mutation.MissingIfMatch || (mutation != Mutation.JunkIfMatch && _rng.NextDouble() < 0.5)) details.Add("no If-Match");
            else { var tag = JunkIfMatch(); headers.Add(("If-Match", tag)); details.Add($"If-Match {Trim(tag, 40)}"); }
        }
        else if (mutation == Mutation.MissingIfMatch) details.Add("no If-Match");
        else if (mutation == Mutation.JunkIfMatch) { var tag = JunkIfMatch(); headers.Add(("If-Match", tag)); details.Add($"If-Match {Trim(tag, 40)}"); }
        if (method == "POST" && _rng.NextDouble() < 0.15)
        {
            var key = _rng.Next(3) switch { 0 => new string('k', 300), 1 => "key\twith\ttabs", _ => $"fuzz-{_rng.Next():x8}{_rng.Next():x8}" };
            headers.Add(("Idempotency-Key", key));
            details.Add($"Idempotency-Key {Trim(key, 20)}");
        }

        // Body.
        byte[]? body = null;
        string? contentType = null;
        if (op.BodySchema is not null && method == op.Method)
            (body, contentType) = Body(op, ref mutation, realUsed, details);
        else if (mutation is not (Mutation.Query or Mutation.WrongMethod) && method != "GET" && _rng.NextDouble() < 0.3)
        {
            body = Encoding.UTF8.GetBytes("{\"junk\":[null,{\"a\":1e400}]}"); // ignored by operations without a body
            contentType = "application/json";
            details.Add("ignored junk body");
        }
        return new FuzzCase(id, op, mutation, string.Join("; ", details), method, url.ToString(), body, contentType, headers, realUsed);
    }

    private string? RealIdFor(string template)
    {
        var prefix = template[..template.IndexOf("/{", StringComparison.Ordinal)];
        if (prefix == "/api/v1/partners") prefix = "/api/v1/customers";
        return realIds.GetValueOrDefault(prefix);
    }

    private (byte[]? Body, string? ContentType) Body(ApiOperation op, ref Mutation mutation, bool realId, List<string> details)
    {
        var root = op.Template == DevTokenPath
            ? new JsonObject { ["tenantId"] = "demo", ["userId"] = "fuzz", ["roles"] = new JsonArray("no-such-role") }
            : document.Generate(op.BodySchema!, "body") as JsonObject ?? new JsonObject { ["junk"] = "x" };
        var slots = new List<BodySlot>();
        Walk(root, op.BodySchema!, "$", "body", slots, 0);
        string? raw = null;
        const string json = "application/json";

        BodySlot? Pick(Func<BodySlot, bool> where)
        {
            var fitting = slots.Where(where).ToList();
            return fitting.Count == 0 ? null : fitting[_rng.Next(fitting.Count)];
        }
        string KindOf(BodySlot s) => document.KindOf(s.Schema);

        switch (mutation)
        {
            case Mutation.NullInArray:
                if (Pick(s => KindOf(s) == "array" || (KindOf(s) == "object" && document.Resolve(s.Schema)["additionalProperties"] is JsonObject && document.Resolve(s.Schema)["properties"] is null)) is { } coll)
                {
                    JsonNode value = KindOf(coll) == "array"
                        ? (_rng.Next(3) switch { 0 => new JsonArray((JsonNode?)null), 1 => new JsonArray(document.Generate(document.Resolve(coll.Schema)["items"] as JsonObject ?? new JsonObject(), coll.Name, 1), null), _ => new JsonArray(null, null) })
                        : new JsonObject { ["standard"] = null };
                    coll.Set(value);
                    details.Add($"{coll.Path} <- {value.ToJsonString()}");
                    break;
                }
                mutation = Mutation.WrongType;
                goto case Mutation.WrongType;
            case Mutation.NumberOutOfRange:
                if (Pick(s => KindOf(s) is "number" or "integer") is { } number)
                {
                    string[] tokens = KindOf(number) == "integer"
                        ? ["2147483648", "-2147483649", "1e10", "99999999999999999999", "9223372036854775808", "1.5"]
                        : ["1e30", "-1e300", "1e400", "79228162514264337593543950336", "-79228162514264337593543950336"];
                    raw = tokens[_rng.Next(tokens.Length)];
                    number.Set(Raw);
                    details.Add($"{number.Path} <- {raw}");
                    break;
                }
                mutation = Mutation.WrongType;
                goto case Mutation.WrongType;
            case Mutation.UnknownEnum:
                if (Pick(s => (EnumLike.Contains(s.Name.TrimEnd('[', ']')) || document.Resolve(s.Schema)["enum"] is not null) && KindOf(s) is "string" or "array") is { } member)
                {
                    string[] names = ["nonexistent-member", "zzBogus", "💥", "0", "domestic;drop", "ADMIN_SUPER"];
                    var name = names[_rng.Next(names.Length)];
                    JsonNode value = KindOf(member) == "array" ? new JsonArray(name) : name;
                    member.Set(value);
                    details.Add($"{member.Path} <- {value.ToJsonString()}");
                    break;
                }
                mutation = Mutation.WrongType;
                goto case Mutation.WrongType;
            case Mutation.HugeString:
                {
                    var target = Pick(s => KindOf(s) == "string") ?? Pick(_ => true);
                    var text = HugeText(100_000);
                    if (target is null) { root["junk"] = text; details.Add("$.junk <- 100,000 chars (no slot)"); }
                    else { target.Set(text); details.Add($"{target.Path} <- 100,000 chars"); }
                    break;
                }
            case Mutation.DeepNesting:
                {
                    var depth = 1000;
                    raw = _rng.Next(2) == 0
                        ? new string('[', depth) + new string(']', depth)
                        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                    if (Pick(_ => true) is { } target && _rng.Next(4) > 0) { target.Set(Raw); details.Add($"{target.Path} <- 1,000 levels"); }
                    else { details.Add("top level <- 1,000 levels"); return (Encoding.UTF8.GetBytes(raw), json); }
                    break;
                }
            case Mutation.Truncated:
                {
                    var text = root.ToJsonString();
                    var cut = _rng.Next(1, text.Length - 1);
                    details.Add($"cut at {cut} of {text.Length}");
                    return (Encoding.UTF8.GetBytes(text[..cut]), json);
                }
            case Mutation.NonJson:
                {
                    string[] texts = ["hello", "<xml><name>x</name></xml>", "{'name': 'x'}", "name=x&number=1", "undefined", "{", "}", "{\"a\":1,}",
                        "/* comment */ {\"a\":1}", "{} {}", "NaN", "{\"a\" 1}", "{\"a\":tru}", "\u0000\u0001\u0002", "[1,2"];
                    if (_rng.Next(5) == 0)
                    {
                        details.Add("invalid UTF-8 bytes");
                        return ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC3, 0x28, 0x22, 0x7D], json);
                    }
                    var t = texts[_rng.Next(texts.Length)];
                    details.Add("non-JSON text");
                    return (Encoding.UTF8.GetBytes(t), json);
                }
            case Mutation.TopLevelShape:
                {
                    var shapes = new List<string> { "[]", "[{}]", "[" + root.ToJsonString() + "]", "42", "-1.5", "\"text\"", "true", "false" };
                    if (op.BodyRequired || !realId) shapes.Add("null");
                    var t = shapes[_rng.Next(shapes.Count)];
                    details.Add($"top level <- {Trim(t, 30)}");
                    return (Encoding.UTF8.GetBytes(t), json);
                }
            case Mutation.InvalidToken:
                {
                    var target = Pick(_ => true);
                    string[] tokens = target is not null && KindOf(target) is "number" or "integer"
                        ? ["NaN", "Infinity", "-Infinity", "01", "1.", "+1", "-", "0x10", ".5", "1e"]
                        : ["\"\\ud800\"", "\"\\udc00x\"", "\"\\uZZZZ\"", "\"\\x41\"", "'single'", "\"tab\there\"", "undefined"];
                    raw = tokens[_rng.Next(tokens.Length)];
                    if (target is null) { details.Add($"top level <- {raw}"); return (Encoding.UTF8.GetBytes(raw), json); }
                    target.Set(Raw);
                    details.Add($"{target.Path} <- {raw}");
                    break;
                }
            case Mutation.WrongContentType:
                {
                    string?[] types = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/octet-stream", "text/json", "application/jsonx", null];
                    var type = types[_rng.Next(types.Length)];
                    details.Add($"Content-Type {type ?? "(none)"}");
                    return (Encoding.UTF8.GetBytes(root.ToJsonString()), type);
                }
            case Mutation.EmptyBody:
                {
                    var withType = _rng.Next(2) == 0;
                    details.Add(withType ? "empty body, Content-Type JSON" : "empty body, no Content-Type");
                    return ([], withType ? json : null);
                }
            case Mutation.Oversized:
                {
                    var target = Pick(_ => true);
                    const int size = 1_100_000;
                    if (target is not null && KindOf(target) == "string")
                    {
                        raw = "[" + string.Join(",", Enumerable.Repeat("0", size / 2)) + "]";
                        target.Set(Raw);
                        details.Add($"{target.Path} <- array of {size / 2:N0} zeros (>1 MB)");
                    }
                    else if (target is not null) { target.Set(HugeText(size)); details.Add($"{target.Path} <- {size:N0}-char string (>1 MB)"); }
                    else { root["junk"] = HugeText(size); details.Add("$.junk <- >1 MB"); }
                    break;
                }
            case Mutation.IfMatchOnly:
                details.Add("unchanged generated body");
                break;
            case Mutation.WrongType:
            default:
                {
                    if (Pick(s => KindOf(s) != "any") is not { } target)
                    {
                        details.Add("top level <- [] (no slot)");
                        return ("[]"u8.ToArray(), json);
                    }
                    var value = WrongValue(KindOf(target), ApiDocument.Nullable(target.Schema) || ApiDocument.Nullable(document.Resolve(target.Schema)));
                    target.Set(value);
                    details.Add($"{target.Path} <- {value?.ToJsonString() ?? "null"}");
                    break;
                }
        }
        var serialized = root.ToJsonString();
        if (raw is not null) serialized = ReplaceFirst(serialized, $"\"{Raw}\"", raw);
        return (Encoding.UTF8.GetBytes(serialized), json);
    }

    private void Walk(JsonNode node, JsonObject schema, string path, string name, List<BodySlot> slots, int depth)
    {
        if (depth > 8) return;
        var s = document.Resolve(schema);
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                var childSchema = s["properties"]?[key] as JsonObject ?? s["additionalProperties"] as JsonObject;
                if (childSchema is null) continue;
                slots.Add(new BodySlot(o, key, -1, childSchema, key, $"{path}.{key}"));
                if (child is not null) Walk(child, childSchema, $"{path}.{key}", key, slots, depth + 1);
            }
        }
        else if (node is JsonArray a && s["items"] is JsonObject items)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add(new BodySlot(a, null, i, items, name + "[]", $"{path}[{i}]"));
                if (a[i] is { } child) Walk(child, items, $"{path}[{i}]", name, slots, depth + 1);
            }
        }
    }

    private JsonNode? WrongValue(string kind, bool nullable)
    {
        var options = kind switch
        {
            "integer" or "number" => new List<JsonNode?> { true, false, new JsonObject(), new JsonArray(), new JsonArray(1), new JsonObject { ["v"] = 1 }, "abc", "", "1,5", "12abc", "--1" },
            "string" => new List<JsonNode?> { 123, -1.5m, 0, true, false, new JsonObject(), new JsonArray(), new JsonArray("a"), new JsonObject { ["a"] = "b" } },
            "boolean" => new List<JsonNode?> { "true", "yes", "false", 1, 0, new JsonObject(), new JsonArray() },
            "object" => new List<JsonNode?> { "x", 1, true, new JsonArray(), new JsonArray(new JsonObject()), 0 },
            "array" => new List<JsonNode?> { "x", 1, true, new JsonObject(), new JsonObject { ["0"] = 1 } },
            _ => new List<JsonNode?> { new JsonArray() },
        };
        if (!nullable) options.Add(null);
        return options[_rng.Next(options.Count)];
    }

    private string JunkId()
    {
        var pool = new Func<string>[]
        {
            () => $"junk-{_rng.Next():x8}", () => new string('z', 2000), () => "00000000000000000000000000000000",
            () => "ffffffffffffffffffffffffffffffff", () => "ü-ß-é", () => "a b c", () => "' OR '1'='1", () => "<script>alert(1)</script>",
            () => "99999999999999999999", () => "-1", () => "null", () => "a/b", () => "2026-13", () => "9999-99",
            () => "0000-00", () => "{id}", () => "%00", () => "💥", () => $"{_rng.NextInt64(1_000_000_000_000, long.MaxValue)}",
        };
        return pool[_rng.Next(pool.Length)]();
    }

    /// <summary>Never <c>*</c> and never the quoted small number a real version could have.</summary>
    private string JunkIfMatch()
    {
        string[] tags = ["\"junk\"", "W/\"junk\"", "junk", "\"\"", "\"99999999999\"", "W/\"99999999999\"", "\"abc\", \"def\"",
            "\"" + new string('x', 5000) + "\"", "\"-1\"", "\"1.5\"", "W/*", ",", "\"\\\"\""];
        return tags[_rng.Next(tags.Length)];
    }

    private string JunkQuery(ApiOperation op, List<string> details)
    {
        var declared = op.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToList();
        var names = declared.Concat(["limit", "continuation", "q", "from", "to", "year", "foo"]).Distinct().ToList();
        var parts = new List<string>();
        var count = _rng.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var name = declared.Count > 0 && _rng.Next(3) > 0 ? declared[_rng.Next(declared.Count)] : names[_rng.Next(names.Count)];
            var value = QueryValue(name);
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
            if (_rng.Next(8) == 0) parts.Add($"{name}={Uri.EscapeDataString(QueryValue(name))}"); // duplicated parameter
        }
        details.Add("query " + Trim(string.Join("&", parts), 80));
        return "?" + string.Join("&", parts);
    }

    private string QueryValue(string name)
    {
        string[] pool = name switch
        {
            "limit" => ["", "abc", "99999999999", "-1", "0", "201", "1.5", "1e3", " 5", "0x10"],
            "year" => ["abc", "99999999999", "-1", "0", "1e3", "", "2026.5", "-2147483649", "10000"],
            "continuation" => [Base64(_rng.Next(1, 300)), "junk", "!!!", "====", B64("[\"zz\",\"zz\"]"), B64("[1,2,3]"), B64("{}"), B64("null"),
                B64("\"x\""), B64("[" + string.Join(",", Enumerable.Repeat("\"a\"", 1000)) + "]"), new string('A', 5000), B64("[\"x\"]").TrimEnd('='),
                B64("[null,null]"), B64("[\"\\u0000\",1e400]"), ""],
            "q" => [new string('a', 10_000), new string('ü', 10_000), "%", "'", "\"", "*", "\u0000", "\"unterminated", "NEAR(", "a OR", "^*"],
            "from" or "to" => ["2026-13-45", "abc", "", "2026-02-30", "99999-01-01", "-0001-01-01", "2026-1-1", new string('9', 10_000), "2026-01-01T00:00"],
            _ => [JunkId(), new string('x', 10_000), "", "💥", "%"],
        };
        return pool[_rng.Next(pool.Length)];
    }

    private string Base64(int length)
    {
        var bytes = new byte[length];
        _rng.NextBytes(bytes);
        var text = Convert.ToBase64String(bytes);
        return _rng.Next(2) == 0 ? text : text.Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private string HugeText(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzäöüß ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[_rng.Next(alphabet.Length)];
        return new string(chars);
    }

    /// <summary>Malformed dev-token requests: each has at least one field no valid request has.</summary>
    private IEnumerable<FuzzCase> DevTokenHandcrafted(ApiOperation op)
    {
        string[] bodies =
        [
            """{"tenantId":"demo","roles":[null]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[null]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":["admin",null]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":"admin"}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[1]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[{"name":"admin"}]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[["admin"]]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":["superuser"]}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[""]}""",
            """{"tenantId":"demo","userId":"fuzz"}""",
            """{"tenantId":"demo","userId":"","roles":["admin"]}""",
            """{"tenantId":"demo","userId":"   ","roles":["admin"]}""",
            $$"""{"tenantId":"demo","userId":"{{new string('u', 65)}}","roles":["admin"]}""",
            """{"tenantId":"demo","userId":123,"roles":["admin"]}""",
            """{"tenantId":"demo","userId":null,"roles":["admin"]}""",
            """{"tenantId":"","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"  ","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"Demo","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"de mo","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"de/mo","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"../demo","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"-demo","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"demo-","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"d","userId":"fuzz","roles":["admin"]}""",
            $$"""{"tenantId":"{{new string('a', 41)}}","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"dé","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"demo_1","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":"demo\u0000","userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":123,"userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":null,"userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":["demo"],"userId":"fuzz","roles":["admin"]}""",
            """{"tenantId":{"id":"demo"},"userId":"fuzz","roles":["admin"]}""",
            """{"userId":"fuzz","roles":["admin"]}""",
            """{}""",
            """{"tenantId":"demo","userId":"fuzz","roles":[null],"extra":1}""",
        ];
        foreach (var body in bodies)
            yield return new FuzzCase(Interlocked.Increment(ref _next), op, Mutation.Handcrafted, "handcrafted", "POST", op.Template,
                Encoding.UTF8.GetBytes(body), "application/json", [], false);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    private static string Trim(string s, int n) => s.Length > n ? s[..n] + "…" : s;
}
