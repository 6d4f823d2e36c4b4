#!/usr/bin/env python3
"""Turns record_proxy.py's session.jsonl into one golden hex file per frame.

Each request is named after its opcode (read from its RequestHeader); each reply after the request whose xid it
answers; xid -1 is a notification, -2 a ping, -4 an auth packet. Files are NNN-DIR-NAME.hex: '#' comment lines
saying what the frame is, then the frame (length prefix included) as hex, 32 bytes a line.
Usage: label_frames.py SESSION.jsonl OUTDIR
"""
import json
import struct
import sys

OPS = {0: 'notification', 1: 'create', 2: 'delete', 3: 'exists', 4: 'getData', 5: 'setData', 6: 'getACL',
       7: 'setACL', 8: 'getChildren', 9: 'sync', 11: 'ping', 12: 'getChildren2', 13: 'check', 14: 'multi',
       15: 'create2', 16: 'reconfig', 17: 'checkWatches', 18: 'removeWatches', 19: 'createContainer',
       20: 'deleteContainer', 21: 'createTTL', 22: 'multiRead', 100: 'auth', 101: 'setWatches', 102: 'sasl',
       103: 'getEphemerals', 104: 'getAllChildrenNumber', 105: 'setWatches2', 106: 'addWatch', 107: 'whoAmI',
       -10: 'createSession', -11: 'closeSession'}


def main():
    frames = [json.loads(line) for line in open(sys.argv[1], encoding='ascii')]
    outdir = sys.argv[2]
    pending = {}
    first = {'c2s': True, 's2c': True}
    for index, f in enumerate(frames, 1):
        raw = bytes.fromhex(f['hex'])
        body = raw[4:]
        d = f['dir']
        if first.get(d):
            first[d] = False
            name = 'connect-request' if d == 'c2s' else 'connect-response'
            note = 'ConnectRequest (no RequestHeader)' if d == 'c2s' else 'ConnectResponse (no ReplyHeader)'
        elif d == 'c2s':
            xid, op = struct.unpack('>ii', body[:8])
            name = OPS.get(op, f'op{op}') + '-request'
            pending[xid] = OPS.get(op, f'op{op}')
            note = f'RequestHeader xid={xid} type={op} ({OPS.get(op)})'
        else:
            xid, zxid, err = struct.unpack('>iqi', body[:16])
            if xid == -1:
                name = 'notification'
            elif xid == -2:
                name = 'ping-reply'
            elif xid == -4:
                name = 'auth-reply'
            else:
                name = pending.pop(xid, 'unknown') + '-reply'
            if err:
                name += f'-err{-err}'
            note = f'ReplyHeader xid={xid} zxid=0x{zxid:x} err={err}'
        path = f'{outdir}/{index:03d}-{d}-{name}.hex'
        with open(path, 'w', encoding='ascii') as out:
            out.write(f'# {d} frame {index} of a real Java client (3.8) <-> Apache ZooKeeper 3.8 session\n')
            out.write(f'# {note}; {len(raw)} bytes including the 4-byte length prefix\n')
            for i in range(0, len(raw), 32):
                out.write(raw[i:i + 32].hex() + '\n')
        print(path.rsplit('/', 1)[1], len(raw))


if __name__ == '__main__':
    main()
