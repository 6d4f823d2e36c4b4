namespace ZkNet.Client.Multi;

/// <summary>
/// The result of one operation of a multi or multiRead (ZooKeeper's OpResult): one subclass per operation kind,
/// and <see cref="ErrorOpResult"/> for an operation that failed or was not applied.
/// </summary>
public abstract record OpResult;
