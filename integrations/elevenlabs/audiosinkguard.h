#pragma once
// AudioSinkGuard: stands between the HTTP core and the caller's device for a binary download. The
// core writes whatever body arrives, error bodies included; the guard holds back the first bytes until
// the answer is known to be audio, so a JSON error never ends up in the caller's .mp3 and its text is
// still there to be read. Past the hold-back, bytes go straight through: the audio is never held twice.

#include <QByteArray>
#include <QIODevice>

#include <memory>

namespace agency {

class AudioSinkGuard : public QIODevice
{
public:
    /// `target` must be open for writing; writing starts at its current position.
    explicit AudioSinkGuard(std::shared_ptr<QIODevice> target, qint64 holdBack = 256 * 1024);

    /// The answer was audio: writes what is still held back. False when the target refused bytes.
    bool commit();
    /// The answer was an error: drops what is held back and returns it (the error body, unless it
    /// was longer than the hold-back), and rewinds the target where it can (a file is truncated).
    QByteArray discard();

    /// Bytes handed to the target so far.
    qint64 forwarded() const { return m_forwarded; }
    /// Why the target refused bytes; empty when it never did.
    QString targetError() const { return m_targetError; }

    bool isSequential() const override { return false; }
    /// Only back to 0, as the core does before a retry: drops everything written so far.
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    bool forward(const char* data, qint64 size);
    bool rewindTarget();

    std::shared_ptr<QIODevice> m_target;
    qint64 m_targetStart = 0;
    qint64 m_holdBack = 0;
    QByteArray m_held;
    bool m_passThrough = false;
    qint64 m_forwarded = 0;
    QString m_targetError;
};

} // namespace agency
