#!/usr/bin/python3
# A real SMTP submission server on 127.0.0.1 for the mail tests
# (python3-aiosmtpd): STARTTLS or implicit TLS with the suite's test
# certificate, AUTH required, and refusals scripted on the command line.
# Every accepted message is written to OUTDIR as NNNN.eml with NNNN.json
# (envelope) before the server answers 250; every command the client
# sends is logged, one line each, to LOG (CONNECT, EHLO, STARTTLS, AUTH,
# MAIL, RCPT, DATA, QUIT), never the password. Prints "PORT n" once it
# listens; ends when its standard input closes.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--mode", choices=["starttls", "ssl", "plain"], default="starttls")
parser.add_argument("--cert", help="PEM with certificate and key")
parser.add_argument("--user", default="verein@example.de")
parser.add_argument("--password", default="geheim")
parser.add_argument("--outdir", required=True)
parser.add_argument("--log", required=True)
parser.add_argument("--refuse", action="append", default=[],
                    help="answer 550 to RCPT TO for this address")
parser.add_argument("--temporary", type=int, default=0,
                    help="answer 421 to the first N MAIL commands and hang up")
parser.add_argument("--cut-after", type=int, default=0,
                    help="after N accepted messages, drop the connection at the next MAIL (once)")
parser.add_argument("--delay-ms", type=int, default=0,
                    help="wait this long before accepting each message")
args = parser.parse_args()

os.makedirs(args.outdir, exist_ok=True)
log_file = open(args.log, "a", buffering=1, encoding="utf-8")
state = {"accepted": 0, "temporary_left": args.temporary, "cut_done": False}


def log(line):
    log_file.write(line + "\n")


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == args.user
          and auth_data.password.decode() == args.password)
    log("AUTH-OK" if ok else "AUTH-FAILED")
    return AuthResult(success=ok, handled=False)


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if args.cut_after and state["accepted"] >= args.cut_after and not state["cut_done"]:
            state["cut_done"] = True
            log("CUT")
            server.transport.abort()
            return "421 4.4.2 gone"
        if state["temporary_left"] > 0:
            state["temporary_left"] -= 1
            log("TEMPORARY")
            asyncio.get_running_loop().call_later(0.05, server.transport.close)
            return "421 4.7.0 Try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in args.refuse:
            log("REFUSED " + address)
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if args.delay_ms:
            await asyncio.sleep(args.delay_ms / 1000)
        os.makedirs(args.outdir, exist_ok=True)
        state["accepted"] += 1
        base = os.path.join(args.outdir, "%04d" % state["accepted"])
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "tls": session.ssl is not None or args.mode == "ssl"}, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        log("ACCEPTED " + ",".join(envelope.rcpt_tos))
        return "250 2.0.0 Accepted"


class LoggingSMTP(SMTP):
    def connection_made(self, transport):
        if self._original_transport is None and getattr(self, "transport", None) is None:
            log("CONNECT")
        super().connection_made(transport)

    async def push(self, status):
        await super().push(status)

    async def smtp_EHLO(self, arg):
        log("EHLO")
        return await super().smtp_EHLO(arg)

    async def smtp_STARTTLS(self, arg):
        log("STARTTLS")
        return await super().smtp_STARTTLS(arg)

    async def smtp_AUTH(self, arg):
        log("AUTH")
        return await super().smtp_AUTH(arg)

    async def smtp_MAIL(self, arg):
        log("MAIL")
        return await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg):
        log("RCPT")
        return await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg):
        log("DATA")
        return await super().smtp_DATA(arg)

    async def smtp_QUIT(self, arg):
        log("QUIT")
        return await super().smtp_QUIT(arg)


def make_context():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert)
    return context


async def main():
    loop = asyncio.get_running_loop()
    handler = Handler()
    tls = make_context() if args.mode != "plain" else None

    def factory():
        if args.mode == "starttls":
            return LoggingSMTP(handler, tls_context=tls, require_starttls=True,
                               auth_required=True, auth_require_tls=True,
                               authenticator=authenticator, hostname="localhost")
        # Implicit TLS is already encrypted; the plain server offers AUTH
        # without TLS, as a badly configured one would: the client must
        # not use it.
        return LoggingSMTP(handler, auth_required=True, auth_require_tls=False,
                           authenticator=authenticator, hostname="localhost")

    server = await loop.create_server(factory, "127.0.0.1", 0,
                                      ssl=tls if args.mode == "ssl" else None)
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)

    # Ends when the test closes our standard input (or dies).
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass
    server.close()


asyncio.run(main())
