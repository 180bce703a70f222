namespace Ticketing.Api.Tests.Reliability;

/// <summary>The hostile values <see cref="MalformedRequests"/> draws from, one list per fault.</summary>
public static class FaultValues
{
    public const int HugeStringLength = 1024 * 1024;
    public static readonly string HugeString = new('x', HugeStringLength);

    public static readonly string[] BrokenJson =
    [
        "{", "{\"title\":", "{\"title\": }", "{'title': 'x'}", "{\"title\":\"x\",}", "{\"title\":\"x\"} trailing", "[1,2",
        "\"unterminated", "{\"title\":\"\\uZZZZ\"}", "nul", "{\"title\":NaN}", "", "{\"title\":\"x\" \"body\":\"y\"}", "{{}}", "\u0000",
        "{\"a\":1}/* comment */", "{\"title\":01}",
    ];

    public static readonly byte[][] InvalidUtf8 = [[0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];

    public static readonly string[] WrongRoots = ["[]", "42", "\"text\"", "true", "null", "[{\"title\":\"x\"}]"];

    public static readonly string[] HostileRouteValues =
    [
        "-1", "99999999999999999999999999999", "..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%5C..%5Cwindows%5Cwin.ini",
        new string('a', 8000), "null", "%F0%9F%92%A9", "1%27%20or%201%3D1--", "00000000-0000-0000-0000-00000000000g",
    ];

    public static readonly string[] BadIfMatch = ["abc", "\"abc\"", "\"-1\"", "\"0\"", "\"99999999999999999999999\"", "W/", "\"", "1", "\"1\", \"2\""];

    public static readonly string[] WrongContentTypes =
        ["text/plain", "application/xml", "application/octet-stream", "multipart/form-data", "image/png", "application/x-www-form-urlencoded"];

    public static readonly string[] TraversalNames =
    [
        "../../../../tmp/{0}.txt", "..\\..\\..\\..\\tmp\\{0}.txt", "/tmp/{0}.txt", "....//....//tmp/{0}.txt", "%2e%2e%2f%2e%2e%2ftmp%2f{0}.txt",
        "C:\\Windows\\{0}.txt", "a/../../{0}.txt", "\u202Etxt.{0}.exe", "..", ".", "{0}%00.txt",
    ];
}
