#include "redisscript.h"

#include <QCryptographicHash>

namespace agency {

namespace {

RedisScript makeScript(const char* name, const char* source)
{
    RedisScript script;
    script.name = name;
    script.source = source;
    script.sha1 = QCryptographicHash::hash(script.source, QCryptographicHash::Sha1).toHex();
    return script;
}

} // namespace

const RedisScript& RedisScript::incrWithExpire()
{
    static const RedisScript script = makeScript("incr-with-expire", R"lua(
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count
)lua");
    return script;
}

const RedisScript& RedisScript::tokenBucket()
{
    // Time in microseconds since the epoch fits a Lua double exactly (< 2^53). Numbers go to
    // redis.call as numbers, not tostring(): Lua's tostring keeps only 14 digits, Redis keeps 17.
    static const RedisScript script = makeScript("token-bucket", R"lua(
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
    tokens = burst
    ts = now
end
if now > ts then
    tokens = math.min(burst, tokens + (now - ts) * rate / 1000000)
    ts = now
end
local allowed = 0
local wait = 0
if tokens >= cost then
    tokens = tokens - cost
    allowed = 1
else
    wait = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', ts)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 2000 / rate) + 1000)
return {allowed, math.floor(tokens * 1000), wait}
)lua");
    return script;
}

} // namespace agency
