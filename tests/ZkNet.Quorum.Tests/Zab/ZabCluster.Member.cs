using System.Text;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Election;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

internal sealed partial class ZabCluster
{
    /// <summary>One member: its disk (kept across crashes), its election, and the ZAB role it holds.</summary>
    internal sealed class Member : IElectionOutput, ILeaderOutput, ILearnerOutput
    {
        private const int ConnectAttempts = 5;
        private readonly ZabCluster _cluster;
        private readonly Dictionary<long, Connection> _learners = [];
        private Connection? _toLeader;
        private int _incarnation;
        private bool _flushScheduled;

        public Member(ZabCluster cluster, long sid, bool observer)
        {
            _cluster = cluster;
            Sid = sid;
            IsObserver = observer;
            Election = new FastLeaderElection(sid, cluster._config);
            Db.OnCommitted = txn => cluster.NoteCommitted(sid, txn);
        }

        public long Sid { get; }

        public bool IsObserver { get; }

        public SimDatabase Db { get; } = new();

        public FastLeaderElection Election { get; private set; }

        public bool Alive { get; private set; }

        public ZabLeader? Leader { get; private set; }

        public ZabLearner? Learner { get; private set; }

        public long LeaderSid { get; private set; } = -1;

        /// <summary>A disk slower than the cluster's (milliseconds per flush), or null.</summary>
        public int? DiskDelayMs { get; set; }

        private long Now => _cluster.Now;

        public void Restart()
        {
            Alive = true;
            _incarnation++;
            Db.Reload();
            // A restarted process starts its election afresh (its logical clock too).
            Election = new FastLeaderElection(Sid, _cluster._config);
            _cluster.Trace.Add($"{Now} {Sid} starts at 0x{Db.LastLoggedZxid:x} epoch {Db.CurrentEpoch}");
            StartLooking();
            var incarnation = _incarnation;
            TickLoop(incarnation);
        }

        public void Crash()
        {
            if (!Alive)
            {
                return;
            }
            _cluster.Trace.Add($"{Now} {Sid} crashes");
            Alive = false;
            _incarnation++;
            _flushScheduled = false;
            Leader = null;
            Learner = null;
            CloseAll("crash");
            Db.Reload();
        }

        public void ProposeWrite(string payload)
        {
            var leader = Leader!;
            var txn = new ZabTxn(leader.LastProposed + 1, Encoding.UTF8.GetBytes(payload));
            if (leader.Propose(txn, this))
            {
                Db.Append(txn);
                _cluster.Proposed.Add(payload);
                _cluster.NoteInvoked(payload);
                ScheduleFlush();
            }
        }

        public void DropCutConnections()
        {
            foreach (var connection in _learners.Values.Where(c => !_cluster.LinkUp(c.LearnerSide.Sid, Sid)).ToList())
            {
                _cluster.Close(connection, "partition");
            }
            if (_toLeader is { } up && !_cluster.LinkUp(Sid, up.LeaderSide.Sid))
            {
                _cluster.Close(up, "partition");
            }
        }

        public void OnNotification(long from, Notification notification)
        {
            if (Alive)
            {
                Election.Receive(from, notification, Now, this);
            }
        }

        public void OnLearnerPacket(Connection connection, QuorumPacket packet)
        {
            if (Leader is { } leader && _learners.ContainsKey(connection.Id))
            {
                leader.Receive(connection.Id, packet, Now, this);
            }
        }

        public void OnLeaderPacket(Connection connection, QuorumPacket packet, byte[]? snapshot)
        {
            if (Learner is { } learner && connection == _toLeader)
            {
                learner.Receive(packet, snapshot is null ? null : Db.ReadSnapshot(new MemoryStream(snapshot)), Now, this);
                if (Db.HasUnflushed)
                {
                    ScheduleFlush();
                }
            }
        }

        public void OnConnectionClosed(Connection connection)
        {
            if (_learners.Remove(connection.Id))
            {
                Leader?.LearnerClosed(connection.Id);
            }
            if (connection == _toLeader && Learner is not null)
            {
                LeaveRole($"connection to leader {connection.LeaderSide.Sid} closed");
            }
        }

        // ---- election ----
        void IElectionOutput.Send(long toSid, Notification notification)
        {
            if (_cluster._random.NextDouble() < _cluster.ElectionLoss || !_cluster.LinkUp(Sid, toSid))
            {
                return;
            }
            var target = _cluster.Members[toSid];
            if (_cluster.TracePackets)
            {
                _cluster.Trace.Add($"{Now} {Sid}->{toSid} {notification.State} l={notification.Leader} z=0x{notification.Zxid:x} e={notification.ElectionEpoch} pe={notification.PeerEpoch}");
            }
            _cluster.Schedule(_cluster.Delay(), () => target.OnNotification(Sid, notification));
        }

        void IElectionOutput.Decided(Vote vote, ServerState state)
        {
            _cluster.Trace.Add($"{Now} {Sid} decided {state} leader {vote.Leader}");
            LeaderSid = vote.Leader;
            if (state == ServerState.Leading)
            {
                Leader = new ZabLeader(Sid, _cluster._config, Db, _cluster.Options);
                Leader.Start(Now, this);
                return;
            }
            Connect(vote.Leader, ConnectAttempts, _incarnation);
        }

        private void Connect(long leaderSid, int attemptsLeft, int incarnation)
        {
            _cluster.Schedule(_cluster.Delay(), () =>
            {
                if (incarnation != _incarnation || Election.State == ServerState.Looking)
                {
                    return;
                }
                var leader = _cluster.Members[leaderSid];
                if (_cluster.LinkUp(Sid, leaderSid) && leader.Leader is { Phase: not LeaderPhase.Stopped })
                {
                    var connection = new Connection(_cluster._nextConnection++, this, leader);
                    _toLeader = connection;
                    leader.Accept(connection);
                    Learner = new ZabLearner(Sid, IsObserver, Db, _cluster.Options);
                    Learner.Start(Now, this);
                    return;
                }
                if (attemptsLeft > 1)
                {
                    _cluster.Schedule(_cluster.Options.TickTime, () => Connect(leaderSid, attemptsLeft - 1, incarnation));
                    return;
                }
                LeaveRole($"could not connect to leader {leaderSid}");
            });
        }

        private void Accept(Connection connection)
        {
            _learners[connection.Id] = connection;
            Leader!.LearnerConnected(connection.Id, Now);
        }

        // ---- leader ----
        void ILeaderOutput.Send(long handle, QuorumPacket packet, IZabSnapshot? snapshot)
        {
            if (_learners.TryGetValue(handle, out var connection))
            {
                byte[]? bytes = null;
                if (snapshot is not null)
                {
                    // The simulated database writes its snapshots at once.
                    using var stream = new MemoryStream();
                    snapshot.WriteToAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
                    bytes = stream.ToArray();
                }
                _cluster.SendToLearner(connection, packet, bytes);
            }
        }

        void ILeaderOutput.Close(long handle, string reason)
        {
            if (_learners.TryGetValue(handle, out var connection))
            {
                _cluster.Close(connection, reason);
            }
        }

        void ILeaderOutput.Established(long epoch)
        {
            _cluster.NoteEstablished(Sid, epoch);
            Election.UpdatePeerEpoch(epoch);
        }

        void ILeaderOutput.Committed(ZabTxn txn)
        {
            Db.Commit(txn.Zxid);
            _cluster.NoteAcknowledged(Encoding.UTF8.GetString(txn.Data));
        }

        void ILeaderOutput.Forwarded(long handle, long sid, QuorumPacket packet)
        {
        }

        void ILeaderOutput.StepDown(string reason) => LeaveRole("leader steps down: " + reason);

        // ---- learner ----
        void ILearnerOutput.Send(QuorumPacket packet)
        {
            if (_toLeader is { Open: true } connection)
            {
                _cluster.SendToLeader(connection, packet);
            }
        }

        void ILearnerOutput.Serving(long epoch)
        {
            _cluster.Trace.Add($"{Now} {Sid} serving epoch {epoch} under {LeaderSid}");
            Election.UpdatePeerEpoch(epoch);
        }

        void ILearnerOutput.Quit(string reason) => LeaveRole(reason);

        private void LeaveRole(string reason)
        {
            _cluster.Trace.Add($"{Now} {Sid} leaves its role: {reason}");
            Leader = null;
            Learner = null;
            CloseAll(reason);
            // What memory holds beyond the disk is dropped (ZOOKEEPER-3642, 4785, 5094).
            Db.Reload();
            StartLooking();
        }

        private void CloseAll(string reason)
        {
            foreach (var connection in _learners.Values.ToList())
            {
                _cluster.Close(connection, reason);
            }
            _learners.Clear();
            if (_toLeader is { } up)
            {
                _cluster.Close(up, reason);
                _toLeader = null;
            }
        }

        private void StartLooking()
        {
            LeaderSid = -1;
            Election.StartLooking(Db.LastLoggedZxid, Db.CurrentEpoch, Now, this);
        }

        private void TickLoop(int incarnation)
        {
            _cluster.Schedule(50, () =>
            {
                if (incarnation != _incarnation)
                {
                    return;
                }
                Election.OnTimer(Now, this);
                Leader?.OnTimer(Now, this);
                Learner?.OnTimer(Now, this);
                TickLoop(incarnation);
            });
        }

        private void ScheduleFlush()
        {
            if (_flushScheduled)
            {
                return;
            }
            _flushScheduled = true;
            var incarnation = _incarnation;
            _cluster.Schedule(DiskDelayMs ?? _cluster._random.Next(1, _cluster.MaxDiskDelayMs + 1), () =>
            {
                if (incarnation != _incarnation)
                {
                    return;
                }
                _flushScheduled = false;
                var durable = Db.Flush();
                Leader?.LocalDurable(durable, this);
                Learner?.LocalDurable(durable, this);
            });
        }
    }
}
