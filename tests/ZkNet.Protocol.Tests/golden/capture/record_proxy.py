#!/usr/bin/env python3
"""A loopback TCP proxy that records ZooKeeper client traffic frame by frame.

It listens on 127.0.0.1:LISTEN, forwards every connection to TARGET, and for each connection writes one JSON line
per complete packet (4-byte big-endian length + body) to OUT, in the order the packets finished arriving:
    {"conn": 1, "seq": 7, "dir": "c2s", "hex": "0000002c..."}
Used once to capture the golden frames in ../ (see ../README.md); it is a throwaway tool, not part of ZkNet.
Stops on SIGTERM/SIGINT, or after the first connection closes when --once is given.
"""
import argparse
import json
import socket
import struct
import threading


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--listen', type=int, required=True)
    ap.add_argument('--target', required=True, help='host:port of the real server')
    ap.add_argument('--out', required=True)
    ap.add_argument('--once', action='store_true')
    args = ap.parse_args()
    host, port = args.target.rsplit(':', 1)
    lock = threading.Lock()
    counter = {'seq': 0}
    out = open(args.out, 'a', encoding='ascii')

    def record(conn_no, direction, frame):
        with lock:
            counter['seq'] += 1
            out.write(json.dumps({'conn': conn_no, 'seq': counter['seq'], 'dir': direction, 'hex': frame.hex()}) + '\n')
            out.flush()

    def pump(src, dst, conn_no, direction):
        pending = b''
        try:
            while True:
                chunk = src.recv(65536)
                if not chunk:
                    break
                pending += chunk
                # Record every complete frame before forwarding the chunk, so the log's order is causal: a reply
                # is never logged ahead of the request it answers. A partial frame waits for the next chunk.
                while len(pending) >= 4:
                    (length,) = struct.unpack('>i', pending[:4])
                    if length < 0 or len(pending) < 4 + length:
                        break
                    record(conn_no, direction, pending[:4 + length])
                    pending = pending[4 + length:]
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            if pending:
                record(conn_no, direction + '-partial', pending)
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('127.0.0.1', args.listen))
    listener.listen(8)
    conn_no = 0
    while True:
        client, _ = listener.accept()
        conn_no += 1
        server = socket.create_connection((host, int(port)))
        threads = [
            threading.Thread(target=pump, args=(client, server, conn_no, 'c2s')),
            threading.Thread(target=pump, args=(server, client, conn_no, 's2c')),
        ]
        for t in threads:
            t.start()
        if args.once:
            for t in threads:
                t.join()
            client.close()
            server.close()
            break
    out.close()


if __name__ == '__main__':
    main()
