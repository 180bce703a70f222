using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>One malformed request: the fault class it injects, what exactly it sends, and how to build it (once).</summary>
public sealed record FuzzCase(string Fault, FuzzTarget Target, string Detail, Func<HttpRequestMessage> Build);

/// <summary>
/// Builds malformed requests from an endpoint's shape. Every random choice is drawn here, from one seeded
/// <see cref="Random"/>, before anything is sent, so a seed names the same requests on every run and machine. Each
/// request starts from a plausible one (valid token, seeded ids, a body with sensible values) and breaks exactly one
/// thing, so it fails at the check meant to catch that thing and nowhere earlier.
/// </summary>
public sealed partial class MalformedRequests(FuzzWorld world, Random random, string escapeMarker)
{
    public IReadOnlyList<string> FaultsFor(FuzzTarget target)
    {
        var faults = new List<string>();
        if (!target.Anonymous)
        {
            faults.AddRange(["auth.missing", "auth.expired", "auth.revoked", "auth.forged"]);
        }
        else if (target.Pattern.Contains("/inbound/", StringComparison.Ordinal))
        {
            faults.Add("auth.api-key"); // the mail gateway authenticates with a key, not a user's token
        }

        if (target.RouteParameters.Count > 0)
        {
            faults.AddRange(["route.hostile", "route.unknown-id"]);
        }

        if (target.JsonBody is { } body)
        {
            faults.AddRange(["json.broken", "json.broken", "json.wrong-root", "json.deep-nesting", "json.huge-body", "content-type.wrong"]);
            if (body.Count > 0)
            {
                faults.AddRange(["property.wrong-type", "property.wrong-type", "property.wrong-type"]);
            }

            if (Flatten(body).Any(p => p.Property.Kind == JsonKind.String))
            {
                faults.AddRange(["property.huge-string", "json.invalid-utf8"]);
            }
            else if (body.Count == 0)
            {
                faults.Add("json.invalid-utf8");
            }

            if (Flatten(body).Any(p => !p.Property.Nullable))
            {
                faults.AddRange(["property.null", "property.null"]);
            }

            if (Flatten(body).Any(p => p.Property.Kind == JsonKind.Enum))
            {
                faults.AddRange(["property.unknown-enum", "property.unknown-enum"]);
            }

            if (Flatten(body).Any(p => p.Property.Kind == JsonKind.Integer))
            {
                faults.AddRange(["property.bad-number", "property.bad-number"]);
            }
        }

        if (target.Multipart)
        {
            faults.AddRange(["upload.traversal-name", "upload.traversal-name", "upload.oversized", "upload.too-many", "upload.broken-multipart"]);
        }

        if (FuzzableQuery(target).Count > 0)
        {
            faults.AddRange(["query.bad-value", "query.bad-value", "query.bad-value"]);
        }

        if (target.TicketCommand)
        {
            faults.AddRange(["if-match.malformed", "if-match.stale"]);
        }

        return faults;
    }

    public FuzzCase Next(FuzzTarget target)
    {
        var faults = FaultsFor(target);
        var fault = faults[random.Next(faults.Count)];
        var plan = new RequestPlan(target, Path(target, hostileParameter: null, value: null), Auth(world.TokenFor(target.Pattern)),
            target.JsonBody is null ? null : Plausible(target));
        var detail = fault;
        switch (fault)
        {
            case "auth.missing": plan.Authorization = null; break;
            case "auth.expired": plan.Authorization = Auth(world.ExpiredToken); break;
            case "auth.revoked": plan.Authorization = Auth(world.RevokedToken); break;
            case "auth.forged": (plan.Authorization, detail) = Forged(world.TokenFor(target.Pattern)); break;
            case "auth.api-key": plan.ApiKey = Pick(["", "wrong-key", FuzzApiFactory.InboundApiKey + "x", new string('k', 5000)]); detail = $"X-Api-Key '{Short(plan.ApiKey)}'"; break;
            case "route.hostile":
                var parameter = Pick(target.RouteParameters);
                var value = Pick(FaultValues.HostileRouteValues);
                plan.Path = Path(target, parameter, value);
                detail = $"{parameter}={Short(value)}";
                break;
            case "route.unknown-id":
                var unknown = Pick(target.RouteParameters);
                plan.Path = Path(target, unknown, RandomGuid().ToString());
                detail = $"{unknown}=<unknown id>";
                break;
            case "json.broken": plan.Json = Pick(FaultValues.BrokenJson); detail = $"body {Short(plan.Json)}"; break;
            case "json.invalid-utf8": (plan.Bytes, detail) = InvalidUtf8Body(target); break;
            case "json.wrong-root": plan.Json = Pick(FaultValues.WrongRoots); detail = $"body {plan.Json}"; break;
            case "json.deep-nesting":
                var depth = random.Next(65, 20_000);
                plan.LazyJson = () => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                detail = $"nesting depth {depth}";
                break;
            case "json.huge-body":
                var kib = random.Next(1100, 1400);
                plan.LazyJson = () => string.Concat("{\"title\":\"x\",\"pad\":[", new StringBuilder().Insert(0, "0,", kib * 512).ToString(), "0");
                detail = $"{kib} KiB, unterminated";
                break;
            case "content-type.wrong": plan.ContentType = Pick(FaultValues.WrongContentTypes); detail = $"Content-Type {plan.ContentType}"; break;
            case "property.wrong-type": detail = Mutate(plan, target, p => true, WrongType); break;
            case "property.null": detail = Mutate(plan, target, p => !p.Nullable, _ => null); break;
            case "property.huge-string": detail = Mutate(plan, target, p => p.Kind == JsonKind.String, _ => FaultValues.HugeString); break;
            case "property.unknown-enum": detail = Mutate(plan, target, p => p.Kind == JsonKind.Enum, _ => Pick<JsonNode>(["Bogus", 999, -1, "", "Publik"])); break;
            case "property.bad-number":
                detail = Mutate(plan, target, p => p.Kind == JsonKind.Integer, _ => Pick<JsonNode>([
                    JsonValue.Create(-1), JsonValue.Create(long.MinValue), JsonValue.Create(2147483648L), JsonNode.Parse("1e400")!,
                    JsonNode.Parse("99999999999999999999999")!, JsonValue.Create(1.5), JsonValue.Create(-2147483649L)]));
                break;
            case "upload.traversal-name": detail = Upload(plan, target, traversal: true, size: 0, files: 1); break;
            case "upload.oversized": detail = Upload(plan, target, traversal: false, size: random.Next(1025, 8192), files: 1); break;
            case "upload.too-many": detail = Upload(plan, target, traversal: false, size: 0, files: random.Next(11, 30)); break;
            case "upload.broken-multipart": (plan.Bytes, plan.ContentType, detail) = BrokenMultipart(); break;
            case "query.bad-value":
                var query = Pick(FuzzableQuery(target));
                var bad = BadQueryValue(query.Type);
                plan.Path += $"?{query.Name}={Uri.EscapeDataString(bad)}";
                detail = $"?{query.Name}={Short(bad)}";
                break;
            case "if-match.malformed": plan.IfMatch = Pick(FaultValues.BadIfMatch); detail = $"If-Match {plan.IfMatch}"; break;
            case "if-match.stale": plan.IfMatch = "\"999999\""; detail = "If-Match \"999999\" (stale)"; break;
            default: throw new InvalidOperationException(fault);
        }

        return new FuzzCase(fault, target, detail, plan.Build);
    }

    private string Mutate(RequestPlan plan, FuzzTarget target, Func<BodyProperty, bool> applies, Func<BodyProperty, JsonNode?> value)
    {
        var (path, property) = Pick(Flatten(target.JsonBody!).Where(p => applies(p.Property)).ToList());
        var body = plan.Body!;
        JsonObject parent = body;
        foreach (var step in path.Split('.')[..^1])
        {
            parent = parent[step]!.AsObject();
        }

        var replacement = value(property);
        parent[path.Split('.')[^1]] = replacement;
        var shown = replacement is null ? "null" : replacement.ToJsonString();
        return $"{path} ({property.Kind}) = {Short(shown)}";
    }

    private JsonNode? WrongType(BodyProperty property) => property.Kind switch
    {
        JsonKind.String => Pick<JsonNode>([123, true, new JsonObject(), new JsonArray()]),
        JsonKind.Guid => Pick<JsonNode>(["not-a-guid", 42, new JsonObject(), "", "00000000-0000-0000-0000"]),
        JsonKind.Enum => Pick<JsonNode>([new JsonObject(), new JsonArray(), true, 1.5]),
        JsonKind.Integer => Pick<JsonNode>(["abc", new JsonObject(), true, "1x"]), // "1" is a number under ASP.NET's web JSON defaults
        JsonKind.Boolean => Pick<JsonNode>(["yes", 1, new JsonObject(), "true"]),
        JsonKind.DateTime => Pick<JsonNode>(["not-a-date", 1, new JsonObject(), "2026-13-45T99:00:00Z"]),
        JsonKind.Map => Pick<JsonNode>(["text", 42, new JsonArray(), new JsonObject { ["k"] = new JsonObject() }]),
        JsonKind.Array => Pick<JsonNode>(["text", 42, new JsonObject(), new JsonArray(new JsonObject { ["x"] = new JsonArray() })]),
        _ => Pick<JsonNode>(["text", 42, new JsonArray(), true]),
    };

    // A free-text filter (text, q, role) legitimately matches nothing; typed values and cursors have a format to break.
    private static List<QueryParameter> FuzzableQuery(FuzzTarget target) =>
        [.. target.Query.Where(q => q.Type != typeof(string) || q.Name.Contains("cursor", StringComparison.OrdinalIgnoreCase))];

    private string BadQueryValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) ? Pick(["abc", "99999999999999999999999", "-1", "1.5", "0x10", "1e3"])
            : t == typeof(Guid) ? Pick(["not-a-guid", "-1", "{}", new string('f', 5000)])
            : t == typeof(bool) ? Pick(["maybe", "2", "yes!"])
            : t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(DateOnly) ? Pick(["yesterday", "2026-13-45", "99999-01-01"])
            : t.IsEnum ? Pick(["Bogus", "999", "-1", "Open,Bogus"])
            : Pick(["!!!not-a-cursor!!!", "eyJub3QiOiJhIGN1cnNvciJ9", "%00", new string('~', 300)]);
    }

    private (string? Header, string Detail) Forged(string valid)
    {
        var kind = random.Next(6);
        var forged = kind switch
        {
            0 => Convert.ToBase64String(RandomBytes(random.Next(16, 400))).Replace('+', '-').Replace('/', '_'),
            1 => valid[..(valid.Length / 2)],
            2 => Tamper(valid),
            3 => "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
            4 => new string('A', 20_000),
            _ => "",
        };
        var header = kind == 5 ? Pick(["Basic YWRtaW46YWRtaW4=", "Bearer", "bearer " + valid, "Token " + valid]) : "Bearer " + forged;
        return (header, $"Authorization {Short(header)}");
    }

    private string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private (byte[] Bytes, string Detail) InvalidUtf8Body(FuzzTarget target)
    {
        var bad = Pick(FaultValues.InvalidUtf8);
        // The bytes go into a property the endpoint reads (System.Text.Json skips an unknown member's value unvalidated).
        var text = target.JsonBody is { Count: > 0 } ? Plausible(target).ToJsonString() : "{\"title\":\"fuzz\"}";
        var at = text.IndexOf("fuzz", StringComparison.Ordinal);

        var bytes = Encoding.UTF8.GetBytes(text[..at]).Concat(bad).Concat(Encoding.UTF8.GetBytes(text[at..])).ToArray();
        return (bytes, $"bytes {Convert.ToHexString(bad)} inside a string value");
    }

    private string Upload(RequestPlan plan, FuzzTarget target, bool traversal, int size, int files)
    {
        var name = traversal ? string.Format(CultureInfo.InvariantCulture, Pick(FaultValues.TraversalNames), escapeMarker) : "report.txt";

        // A traversal name rides on an upload that is refused for another reason (stale version, refused or lying type,
        // too big), so the name is parsed and sanitised but nothing is recorded.
        var (contentType, content, refusal) = !traversal ? ("text/plain", RandomText(Math.Max(size, 16)), size > 0 ? "oversized" : "too many")
            : Pick<(string, byte[], string)>([
                target.TicketCommand ? ("text/plain", RandomText(32), "stale If-Match") : ("text/html", RandomText(32), "refused type"),
                ("application/x-msdownload", RandomText(32), "refused type"),
                ("image/png", RandomText(64), "not a PNG"),
                ("text/plain", RandomText(2048), "oversized"),
            ]);
        if (traversal && refusal == "stale If-Match")
        {
            plan.IfMatch = "\"999999\"";
        }

        plan.Form = (name, contentType, content, files);
        return $"{files} file(s) '{Short(name)}' {contentType} {content.Length} B ({refusal})";
    }

    private (byte[] Bytes, string ContentType, string Detail) BrokenMultipart()
    {
        var variant = random.Next(4);
        var (contentType, body) = variant switch
        {
            0 => ("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"),
            1 => ("multipart/form-data", "--XYZ\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nfuzz\r\n--XYZ--\r\n"),
            2 => ("multipart/form-data; boundary=" + new string('b', 200), "--b\r\n\r\n"),
            _ => ("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n" + new string('z', 100) + "\r\n--XYZ"),
        };
        return (Encoding.UTF8.GetBytes(body), contentType, $"broken multipart #{variant}");
    }

    private string Path(FuzzTarget target, string? hostileParameter, string? value) => RouteParameter().Replace(target.Pattern, m =>
    {
        var name = m.Groups[1].Value;
        if (name == hostileParameter)
        {
            return value!;
        }

        var owner = name == "id" ? SegmentBefore(target.Pattern, m.Index) : name;
        return (world.IdFor(owner) ?? RandomGuid()).ToString();
    });

    private JsonObject Plausible(FuzzTarget target) => BodyShape.Plausible(target.JsonBody ?? [], name => world.IdFor(name) ?? RandomGuid());

    private static string SegmentBefore(string pattern, int index) => pattern[..index].TrimEnd('/').Split('/')[^1];

    private static IEnumerable<(string Path, BodyProperty Property)> Flatten(IReadOnlyList<BodyProperty> shape, string prefix = "")
    {
        foreach (var property in shape)
        {
            yield return (prefix + property.Name, property);
            if (property is { Kind: JsonKind.Object, Children.Count: > 0 })
            {
                foreach (var child in Flatten(property.Children, $"{prefix}{property.Name}."))
                {
                    yield return child;
                }
            }
        }
    }

    private static string? Auth(string token) => "Bearer " + token;

    private static string Short(string? text) => text is null ? "null" : text.Length <= 60 ? text : $"{text[..40]}...({text.Length} chars)";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private Guid RandomGuid() => new(RandomBytes(16));

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] RandomText(int length) => [.. Enumerable.Range(0, length).Select(_ => (byte)random.Next('a', 'z' + 1))];

    [GeneratedRegex("\\{([^}:?]+)[^}]*\\}")]
    private static partial Regex RouteParameter();
}
