using ZkNet.Protocol;
using ZkNet.Protocol.Jute;

namespace ZkNet.LoadGen.Wire;

/// <summary>One request of a setup or cleanup script.</summary>
internal readonly record struct ScriptStep(OpCode Op, IJuteRecord Record);

/// <summary>The answer to a <see cref="ScriptStep"/>: the error code and, if asked for, the reply body.</summary>
internal readonly record struct ScriptReply(int Err, byte[]? Body);
