#pragma once
// MessageBanner: a strip across the top of a window or panel for things a person must see — a spend
// threshold crossed, a call refused, the ledger failing. It keeps the latest few messages (a
// repeat is not added twice) until dismissed.

#include <QFrame>

class QLabel;
class QToolButton;

namespace agency {

class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Warning,
        Error,
    };
    static constexpr int kMaxMessages = 4;

    explicit MessageBanner(QWidget* parent = nullptr);

    /// Shows `message` (plain text); an Error turns the whole banner red.
    void addMessage(const QString& message, Kind kind = Kind::Warning);
    /// Takes one message away; the banner hides when none is left.
    void removeMessage(const QString& message);
    QStringList messages() const { return m_messages; }
    /// The close button, for tests.
    QToolButton* dismissButton() const { return m_dismiss; }

public Q_SLOTS:
    void dismiss();

Q_SIGNALS:
    void dismissed();

private:
    void restyle();

    QLabel* m_text = nullptr;
    QToolButton* m_dismiss = nullptr;
    QStringList m_messages;
    Kind m_kind = Kind::Warning;
};

} // namespace agency
