using System.Text;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>UTF-8 shorthands.</summary>
internal static class Text
{
    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
