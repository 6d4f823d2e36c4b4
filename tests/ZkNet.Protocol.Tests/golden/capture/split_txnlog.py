#!/usr/bin/env python3
"""Splits an Apache ZooKeeper txn log (dataDir/version-2/log.N) into one golden hex file per logged txn.

Log layout (zookeeperInternals / FileTxnLog): a 16-byte file header (magic "ZKLG", version, dbid), then entries
of  long checksum | int length | length bytes of txn | byte 'B'; a zero length marks the preallocated tail.
The txn bytes are TxnHeader, the txn record for its type and, since 3.6, a TxnDigest. Each NNN-txn-TYPE.hex holds
exactly those txn bytes (no checksum, length or end marker).
Usage: split_txnlog.py LOGFILE OUTDIR
"""
import struct
import sys

TYPES = {1: 'create', 2: 'delete', 5: 'setData', 7: 'setACL', 13: 'check', 14: 'multi', 15: 'create2',
         19: 'createContainer', 21: 'createTTL', -1: 'error', -10: 'createSession', -11: 'closeSession'}


def main():
    data = open(sys.argv[1], 'rb').read()
    outdir = sys.argv[2]
    assert data[:4] == b'ZKLG', 'not a txn log'
    pos = 16
    n = 0
    while pos + 12 <= len(data):
        _checksum, length = struct.unpack('>qi', data[pos:pos + 12])
        if length <= 0:
            break
        txn = data[pos + 12:pos + 12 + length]
        assert data[pos + 12 + length] == 0x42, 'missing end-of-record marker'
        pos += 12 + length + 1
        n += 1
        client_id, cxid, zxid, _time, typ = struct.unpack('>qiqqi', txn[:32])
        name = TYPES.get(typ, f'type{typ}')
        with open(f'{outdir}/{n:03d}-txn-{name}.hex', 'w', encoding='ascii') as out:
            out.write(f'# txn {n} of the golden session as Apache ZooKeeper 3.8 logged it (log.1)\n')
            out.write(f'# TxnHeader clientId=0x{client_id:x} cxid={cxid} zxid=0x{zxid:x} type={typ} ({name}); '
                      f'{len(txn)} bytes: header, record, TxnDigest\n')
            for i in range(0, len(txn), 32):
                out.write(txn[i:i + 32].hex() + '\n')
        print(f'{n:03d}-txn-{name}.hex', len(txn))


if __name__ == '__main__':
    main()
