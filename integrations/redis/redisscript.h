#pragma once
// RedisScript: a Lua script the client runs with EVALSHA — its source and its SHA1 — and the two
// scripts the console needs: a fixed-window counter and a token bucket on the server's clock.

#include <QByteArray>

namespace agency {

struct RedisScript
{
    QByteArray name;   ///< for logs: "token-bucket"
    QByteArray source; ///< the Lua text; values come in through ARGV, key names through KEYS
    QByteArray sha1;   ///< lower-case hex, as SCRIPT LOAD returns it

    /// KEYS[1] counter; ARGV[1] window in ms. INCR, then PEXPIRE only when the key has no expiry
    /// yet, in one atomic step (a client dying between the two can never leave a counter without
    /// a TTL). Returns the new count.
    static const RedisScript& incrWithExpire();

    /// KEYS[1] bucket hash {tokens, ts}; ARGV[1] rate per second, ARGV[2] burst, ARGV[3] cost.
    /// Refills from the time that passed by the server's own clock (TIME), so every console
    /// sharing the bucket shares one clock. Returns {allowed 0/1, tokens left × 1000, wait ms}.
    static const RedisScript& tokenBucket();
};

} // namespace agency
