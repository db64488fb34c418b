/// Redis, Valkey and RedisJSON/RediSearch command names, each read as the verb it performs (`hdel` deletes
/// a hash field, `zrem` removes from a sorted set, `arrtrim` trims an array). An explicit list, not a
/// prefix rule: splitting any word after a one-letter "type prefix" read vendor names as verbs
/// (`paddle` → p + add, `back` → b + ack).
enum KeyValueCommands {
    /// Command → the lexicon verb it performs.
    static let verbs: [String: String] = [
        // Hashes.
        "hdel": "del", "hset": "set", "hsetnx": "set", "hmset": "set", "hget": "get", "hmget": "get", "hgetall": "get",
        "hkeys": "list", "hvals": "get", "hlen": "count", "hexists": "exists", "hincrby": "incr", "hincrbyfloat": "incr",
        "hscan": "scan", "hstrlen": "count", "hrandfield": "get",
        // Lists.
        "lpush": "push", "rpush": "push", "lpushx": "push", "rpushx": "push", "lpop": "pop", "rpop": "pop", "blpop": "pop",
        "brpop": "pop", "rpoplpush": "pop", "lmove": "move", "blmove": "move", "lrem": "rem", "ltrim": "trim", "lset": "set",
        "linsert": "insert", "lindex": "get", "lrange": "get", "llen": "count", "lpos": "get",
        // Sets and sorted sets.
        "sadd": "add", "srem": "rem", "spop": "pop", "smove": "move", "smembers": "get", "sismember": "exists",
        "smismember": "exists", "scard": "count", "srandmember": "get", "sunion": "compute", "sinter": "compute", "sdiff": "compute",
        "sunionstore": "store", "sinterstore": "store", "sdiffstore": "store", "sscan": "scan",
        "zadd": "add", "zrem": "rem", "zincrby": "incr", "zrange": "get", "zrevrange": "get", "zrangebyscore": "get",
        "zrevrangebyscore": "get", "zrank": "get", "zrevrank": "get", "zscore": "get", "zmscore": "get", "zcard": "count",
        "zcount": "count", "zremrangebyscore": "rem", "zremrangebyrank": "rem", "zremrangebylex": "rem", "zpopmin": "pop",
        "zpopmax": "pop", "bzpopmin": "pop", "bzpopmax": "pop", "zscan": "scan", "zunionstore": "store", "zinterstore": "store",
        // Streams.
        "xadd": "add", "xdel": "del", "xtrim": "trim", "xlen": "count", "xrange": "get", "xrevrange": "get", "xread": "read",
        "xreadgroup": "readgroup", "xack": "ack", "xclaim": "claim", "xautoclaim": "claim", "xpending": "get", "xinfo": "info",
        "xsetid": "set", // not `xgroup`: a container of subcommands (create, destroy, setid); the word after it decides
        // Strings and keys.
        "mget": "get", "mset": "set", "msetnx": "set", "setex": "set", "psetex": "set", "setnx": "set", "getset": "set",
        "getdel": "del", "getex": "get", "getrange": "get", "setrange": "set", "strlen": "count", "incrby": "incr",
        "incrbyfloat": "incr", "decrby": "decr", "pexpire": "expire", "expireat": "expire", "pexpireat": "expire",
        "ttl": "get", "pttl": "get", "renamenx": "rename", "unlink": "del", "dbsize": "count", "flushdb": "flushdb",
        "flushall": "flushall", "getbit": "get", "setbit": "set", "bitcount": "count", "bitpos": "get",
        // Pub/sub.
        "psubscribe": "subscribe", "punsubscribe": "unsubscribe", "ssubscribe": "subscribe",
        // RedisJSON (usually `json_` + command) and RediSearch, Bloom, time series, geo.
        "arrappend": "append", "arrinsert": "insert", "arrpop": "pop", "arrtrim": "trim", "arrindex": "get", "arrlen": "count",
        "strappend": "append", "objkeys": "get", "objlen": "count", "numincrby": "incr", "nummultby": "set",
        "geoadd": "add", "geodist": "compute", "geopos": "get", "geohash": "get", "georadius": "search", "geosearch": "search",
    ]

    /// Each command as a lexicon match, compiled once (`nil` where the verb is not in the lexicon).
    static let table: WordMap<String> = WordMap(verbs.map { ($0.key, $0.value) })
}
