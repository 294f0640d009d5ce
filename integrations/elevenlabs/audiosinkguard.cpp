#include "audiosinkguard.h"

#include <QFileDevice>

namespace agency {

AudioSinkGuard::AudioSinkGuard(std::shared_ptr<QIODevice> target, qint64 holdBack)
    : m_target(std::move(target))
    , m_holdBack(holdBack)
{
    if (m_target && !m_target->isSequential())
        m_targetStart = m_target->pos();
}

bool AudioSinkGuard::forward(const char* data, qint64 size)
{
    if (size == 0)
        return true;
    const qint64 written = m_target ? m_target->write(data, size) : -1;
    if (written != size) {
        if (m_targetError.isEmpty())
            m_targetError = m_target ? m_target->errorString() : QStringLiteral("no device to write to");
        return false;
    }
    m_forwarded += size;
    return true;
}

qint64 AudioSinkGuard::writeData(const char* data, qint64 size)
{
    if (!m_targetError.isEmpty())
        return -1;
    if (m_passThrough)
        return forward(data, size) ? size : -1;
    m_held.append(data, size);
    if (m_held.size() <= m_holdBack)
        return size;
    // Longer than any error body: it is audio, so from here on nothing is held.
    m_passThrough = true;
    const QByteArray held = std::exchange(m_held, QByteArray());
    return forward(held.constData(), held.size()) ? size : -1;
}

qint64 AudioSinkGuard::readData(char*, qint64)
{
    return -1; // write-only
}

bool AudioSinkGuard::commit()
{
    const QByteArray held = std::exchange(m_held, QByteArray());
    m_passThrough = true;
    return forward(held.constData(), held.size()) && m_targetError.isEmpty();
}

bool AudioSinkGuard::rewindTarget()
{
    if (!m_target || m_target->isSequential() || !m_target->seek(m_targetStart))
        return false;
    if (auto* file = qobject_cast<QFileDevice*>(m_target.get()))
        file->resize(m_targetStart);
    m_forwarded = 0;
    return true;
}

QByteArray AudioSinkGuard::discard()
{
    if (m_forwarded > 0)
        rewindTarget();
    m_passThrough = false;
    return std::exchange(m_held, QByteArray());
}

bool AudioSinkGuard::seek(qint64 pos)
{
    if (pos != 0)
        return false;
    m_held.clear();
    m_passThrough = false;
    if (m_forwarded > 0 && !rewindTarget())
        return false;
    return QIODevice::seek(0);
}

} // namespace agency
