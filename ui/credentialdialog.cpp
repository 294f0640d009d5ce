#include "credentialdialog.h"

#include "engine/logcategories.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace agency {

namespace {
QString catalogueText(const QString& text)
{
    return QCoreApplication::translate("agency::Catalogue", text.toUtf8().constData());
}
} // namespace

CredentialDialog::CredentialDialog(CredentialVault& vault, ProviderId provider, Profile profile,
                                   QWidget* parent)
    : QDialog(parent)
    , m_vault(vault)
    , m_info(providerInfo(provider))
    , m_profile(profile)
{
    setObjectName(QStringLiteral("credentialDialog"));
    setWindowTitle(tr("%1 credentials (%2)")
                       .arg(m_info.name, profile == Profile::Sandbox ? tr("Sandbox") : tr("Production")));
    buildForm();
    setBusy(true, tr("Reading the keychain…"));
    QCoro::connect(load(), this, [] {});
}

void CredentialDialog::buildForm()
{
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Secret fields are kept in the system keychain only. Paste values straight from "
                      "%1's dashboard; surrounding spaces and quotes are removed.")
                       .arg(m_info.name),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    for (const CredentialFieldSpec& spec : m_info.fields) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(spec.name + QStringLiteral("LineEdit"));
        edit->setClearButtonEnabled(true);
        edit->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
        if (spec.secret) {
            edit->setEchoMode(QLineEdit::Password);
            auto* reveal =
                edit->addAction(QIcon(QStringLiteral(":/icons/reveal.svg")), QLineEdit::TrailingPosition);
            reveal->setObjectName(spec.name + QStringLiteral("RevealAction"));
            reveal->setCheckable(true);
            reveal->setToolTip(tr("Show or hide the value"));
            connect(reveal, &QAction::toggled, edit, [edit](bool shown) {
                edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
            });
        }
        auto* problem = new QLabel(this);
        problem->setObjectName(spec.name + QStringLiteral("ProblemLabel"));
        problem->setStyleSheet(QStringLiteral("color: #b02020;"));
        problem->setWordWrap(true);
        problem->hide();
        connect(edit, &QLineEdit::textEdited, problem, &QLabel::hide);

        QString label = catalogueText(spec.label);
        if (spec.optional)
            label = tr("%1 (optional)").arg(label);
        auto* fieldLayout = new QVBoxLayout;
        fieldLayout->addWidget(edit);
        fieldLayout->addWidget(problem);
        form->addRow(label + u':', fieldLayout);
        m_edits.insert(spec.name, edit);
        m_problemLabels.insert(spec.name, problem);
    }
    layout->addLayout(form);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    layout->addWidget(m_statusLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_deleteButton = m_buttons->addButton(tr("Delete stored credential"), QDialogButtonBox::DestructiveRole);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_deleteButton->setIcon(QIcon(QStringLiteral(":/icons/delete.svg")));
    m_deleteButton->hide();
    layout->addWidget(m_buttons);

    connect(m_saveButton, &QPushButton::clicked, this, [this] { QCoro::connect(save(), this, [] {}); });
    connect(m_deleteButton, &QPushButton::clicked, this, [this] {
        const auto answer = QMessageBox::question(this, tr("Delete credential"),
                                                  tr("Delete the stored %1 credential from the keychain? "
                                                     "Calls to %1 will stop working until a new one "
                                                     "is entered.")
                                                      .arg(m_info.name));
        if (answer == QMessageBox::Yes)
            QCoro::connect(removeStored(), this, [] {});
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(520);
}

QCoro::Task<> CredentialDialog::load()
{
    auto stored = co_await m_vault.get(m_info.id, m_profile);
    setBusy(false);
    if (!stored) {
        showError(stored.error().message);
    } else {
        m_stored = stored.value();
        for (const CredentialFieldSpec& spec : m_info.fields) {
            QLineEdit* edit = m_edits.value(spec.name);
            const QString value = m_stored.value(spec.name);
            if (spec.secret)
                edit->setPlaceholderText(value.isEmpty() ? QString() : tr("Stored — leave empty to keep it"));
            else
                edit->setText(value);
        }
        m_deleteButton->setVisible(!m_stored.isEmpty());
    }
    if (!m_info.fields.isEmpty())
        m_edits.value(m_info.fields.first().name)->setFocus();
    Q_EMIT loaded();
}

QCoro::Task<> CredentialDialog::save()
{
    Credential entered;
    for (const CredentialFieldSpec& spec : m_info.fields) {
        QString value = cleanPastedValue(m_edits.value(spec.name)->text());
        if (spec.secret && value.isEmpty())
            value = m_stored.value(spec.name); // keep what is stored
        if (!value.isEmpty())
            entered.fields.insert(spec.name, value);
    }
    if (const auto problems = validateCredential(m_info, entered, m_profile); !problems.isEmpty()) {
        showProblems(problems);
        co_return;
    }
    setBusy(true, tr("Saving to the keychain…"));
    auto result = co_await m_vault.set(m_info.id, m_profile, entered);
    setBusy(false);
    if (!result) {
        if (!result.error().problems.isEmpty())
            showProblems(result.error().problems);
        else
            showError(result.error().message);
        co_return;
    }
    m_lastError.clear();
    Q_EMIT saved();
    accept();
}

QCoro::Task<> CredentialDialog::removeStored()
{
    setBusy(true, tr("Deleting from the keychain…"));
    auto result = co_await m_vault.remove(m_info.id, m_profile);
    setBusy(false);
    if (!result) {
        showError(result.error().message);
        co_return;
    }
    m_lastError.clear();
    Q_EMIT deleted();
    accept();
}

void CredentialDialog::reject()
{
    // A keychain call in flight resumes into this dialog: it must stay until the call ends.
    if (!m_busy)
        QDialog::reject();
}

void CredentialDialog::setBusy(bool busy, const QString& message)
{
    m_busy = busy;
    m_saveButton->setEnabled(!busy);
    m_deleteButton->setEnabled(!busy);
    for (QLineEdit* edit : std::as_const(m_edits))
        edit->setReadOnly(busy);
    m_statusLabel->setStyleSheet(QString());
    m_statusLabel->setText(message);
}

void CredentialDialog::showProblems(const QList<FieldProblem>& problems)
{
    for (QLabel* label : std::as_const(m_problemLabels))
        label->hide();
    for (const FieldProblem& problem : problems) {
        if (QLabel* label = m_problemLabels.value(problem.field)) {
            label->setText(problem.message);
            label->show();
        }
    }
    m_lastError = problems.isEmpty() ? QString() : problems.first().message;
    if (!problems.isEmpty())
        if (QLineEdit* edit = m_edits.value(problems.first().field))
            edit->setFocus();
}

void CredentialDialog::showError(const QString& message)
{
    m_lastError = message;
    m_statusLabel->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_statusLabel->setText(message);
}

} // namespace agency
