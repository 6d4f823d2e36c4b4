using ZkNet.Protocol.Jute;

namespace ZkNet.Client.Internal;

/// <summary>Reads a successful reply's record; <paramref name="chroot"/> maps returned paths back to client paths.</summary>
internal delegate T ReplyParser<T>(ref JuteReader body, Chroot chroot);
