using ZkNet.Client.Exceptions;
using ZkNet.Protocol;

namespace ZkNet.Client.Tests.Unit;

public sealed class KeeperExceptionTests
{
    [Theory]
    [InlineData(ErrorCode.NoNode, typeof(NoNodeException))]
    [InlineData(ErrorCode.NodeExists, typeof(NodeExistsException))]
    [InlineData(ErrorCode.BadVersion, typeof(BadVersionException))]
    [InlineData(ErrorCode.NotEmpty, typeof(NotEmptyException))]
    [InlineData(ErrorCode.NoAuth, typeof(NoAuthException))]
    [InlineData(ErrorCode.ConnectionLoss, typeof(ConnectionLossException))]
    [InlineData(ErrorCode.SessionExpired, typeof(SessionExpiredException))]
    [InlineData(ErrorCode.AuthFailed, typeof(AuthFailedException))]
    [InlineData(ErrorCode.InvalidAcl, typeof(InvalidAclException))]
    [InlineData(ErrorCode.NoChildrenForEphemerals, typeof(NoChildrenForEphemeralsException))]
    [InlineData(ErrorCode.NotReadOnly, typeof(NotReadOnlyException))]
    [InlineData(ErrorCode.NoWatcher, typeof(NoWatcherException))]
    [InlineData(ErrorCode.RuntimeInconsistency, typeof(RuntimeInconsistencyException))]
    [InlineData(ErrorCode.QuotaExceeded, typeof(KeeperException))]
    public void Each_code_maps_to_its_exception(ErrorCode code, Type type)
    {
        var e = KeeperException.Create(code, "/p");
        Assert.IsType(type, e);
        Assert.Equal(code, e.Code);
        Assert.Equal("/p", e.Path);
        Assert.Contains("/p", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_constructors_keep_the_class_code()
    {
        Assert.Equal(ErrorCode.NoNode, new NoNodeException().Code);
        Assert.Equal(ErrorCode.NoNode, new NoNodeException("why", new InvalidOperationException()).Code);
        Assert.Equal(ErrorCode.SystemError, new KeeperException("why").Code);
    }
}
