#pragma once
// RedisReply: one RESP2 reply as a plain value (hiredis frees its own reply after the callback).

#include <QByteArray>

#include <vector>

namespace agency {

struct RedisReply
{
    enum class Type
    {
        Nil,     ///< a missing key, a nil bulk string
        Status,  ///< "+OK", "+PONG"
        Error,   ///< "-ERR …", "-NOSCRIPT …": a command the server refused (the connection is fine)
        Integer, ///< ":42"
        String,  ///< a bulk string (binary-safe)
        Array,   ///< "*n" followed by n replies
    };

    Type type = Type::Nil;
    QByteArray text; ///< for Status, Error and String
    qint64 integer = 0;
    std::vector<RedisReply> elements; ///< for Array

    bool isNil() const { return type == Type::Nil; }
    bool isError() const { return type == Type::Error; }
    /// The first word of an error reply ("NOSCRIPT", "WRONGPASS"); empty for other replies.
    QByteArray errorCode() const;
    /// A short description for logs and test failures: "status OK", "integer 3", "error NOSCRIPT …".
    QByteArray describe() const;
};

} // namespace agency
