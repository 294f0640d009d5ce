#include "redisreply.h"

namespace agency {

QByteArray RedisReply::errorCode() const
{
    if (type != Type::Error)
        return QByteArray();
    const qsizetype space = text.indexOf(' ');
    return space < 0 ? text : text.left(space);
}

QByteArray RedisReply::describe() const
{
    QByteArray out;
    switch (type) {
    case Type::Nil:
        out = "nil";
        break;
    case Type::Status:
        out = "status ";
        out += text;
        break;
    case Type::Error:
        out = "error ";
        out += text;
        break;
    case Type::Integer:
        out = "integer ";
        out += QByteArray::number(integer);
        break;
    case Type::String:
        out = "string ";
        out += text.left(80);
        break;
    case Type::Array:
        out = "array [";
        for (std::size_t i = 0; i < elements.size(); ++i) {
            if (i > 0)
                out += ", ";
            out += elements[i].describe();
        }
        out += ']';
        break;
    }
    return out;
}

} // namespace agency
