// The Providers panel, driven as a person would: real widgets, the real keychain, real files.
// Afterwards every file the app wrote is scanned for the secret.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/logfile.h"
#include "engine/providerhub.h"
#include "integrations/http/httpcore.h"
#include "keychaintestsupport.h"
#include "providersimulator.h"
#include "ui/credentialdialog.h"
#include "ui/mainwindow.h"
#include "ui/providerspanel.h"
#include "ui/providerstablemodel.h"
#include "ui/settingsdialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace agency;

namespace {
const QString kSecret = QStringLiteral("re_panel_test_secret_9f8e7d6c");
const QString kTwilioToken = QStringLiteral("0123456789abcdef0123456789abcdef");
} // namespace

class TestProvidersPanel : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<LogFile> m_log;
    std::unique_ptr<KeychainSecretStore> m_store;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<CredentialVault> m_vault;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    std::unique_ptr<ProviderHub> m_hub;
    std::unique_ptr<MainWindow> m_window;

    ProvidersPanel* panel() const { return m_window->providersPanel(); }

    CredentialDialog* openDialogFor(ProviderId provider)
    {
        QTableView* table = panel()->table();
        const int row = panel()->model()->rowOf(provider);
        table->setCurrentIndex(panel()->model()->index(row, 0));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Return); // keyboard access: Enter opens the dialog
        CredentialDialog* dialog = nullptr;
        [&] {
            QTRY_VERIFY((dialog = panel()->findChild<CredentialDialog*>()) != nullptr);
        }();
        if (dialog) {
            QSignalSpy loaded(dialog, &CredentialDialog::loaded);
            if (!dialog->findChild<QPushButton*>(QStringLiteral("saveButton"))->isEnabled())
                [&] {
                    QVERIFY(loaded.wait(20000));
                }();
        }
        return dialog;
    }

    static QStringList filesContaining(const QStringList& roots, const QByteArray& needle)
    {
        QStringList hits;
        for (const QString& root : roots) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
                    hits.append(file.fileName());
            }
        }
        return hits;
    }

    static QStringList appWrittenRoots()
    {
        return {QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                QStandardPaths::writableLocation(QStandardPaths::ConfigLocation),
                QStandardPaths::writableLocation(QStandardPaths::CacheLocation),
                QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AgencyOSTest"));
        QCoreApplication::setApplicationName(QStringLiteral("agency-console-panel-test"));
        for (const QString& root : appWrittenRoots())
            QDir(root).removeRecursively();

        m_store = std::make_unique<KeychainSecretStore>(test::uniqueKeychainService());
        AGENCY_REQUIRE_KEYCHAIN(*m_store);
        m_log =
            std::make_unique<LogFile>(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                          .filePath(QStringLiteral("logs/console.log")));
        m_log->install();
        m_qsettings = std::make_unique<QSettings>();
        m_settings = std::make_unique<ConsoleSettings>(*m_qsettings);
        m_vault = std::make_unique<CredentialVault>(*m_store, *m_qsettings);
        m_network = std::make_unique<QNetworkAccessManager>();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_hub = std::make_unique<ProviderHub>(*m_vault, *m_settings, *m_core);
        m_window = std::make_unique<MainWindow>(*m_vault, *m_settings, *m_hub);
        new QAbstractItemModelTester(panel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window.get());
        QSignalSpy refreshed(panel(), &ProvidersPanel::refreshed);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(refreshed.wait(30000));
    }

    void cleanupTestCase()
    {
        if (m_vault) {
            for (ProviderId provider : allProviders())
                for (Profile profile : {Profile::Production, Profile::Sandbox})
                    (void)QCoro::waitFor(m_vault->remove(provider, profile));
        }
        m_window.reset();
        m_log.reset();
    }

    void listsAllSeventeen()
    {
        ProvidersTableModel* model = panel()->model();
        QCOMPARE(model->rowCount(), 17);
        const int resend = model->rowOf(ProviderId::Resend);
        QCOMPARE(model->index(resend, ProvidersTableModel::NameColumn).data().toString(),
                 QStringLiteral("Resend"));
        QCOMPARE(model->index(resend, ProvidersTableModel::UnitCostColumn).data().toString(),
                 QStringLiteral("A$0.0009 / email"));
        QCOMPARE(model->index(resend, ProvidersTableModel::CredentialColumn).data().toString(),
                 QStringLiteral("Not set"));
        QCOMPARE(m_window->panelCount(), 7);
    }

    void enterKeySaveAndRowShowsStored()
    {
        CredentialDialog* dialog = openDialogFor(ProviderId::Resend);
        QVERIFY(dialog);
        QLineEdit* key = dialog->fieldEdit(QStringLiteral("api_key"));
        QVERIFY(key);
        QCOMPARE(key->echoMode(), QLineEdit::Password);

        // The reveal toggle shows the value and hides it again.
        auto* reveal = dialog->findChild<QAction*>(QStringLiteral("api_keyRevealAction"));
        QVERIFY(reveal);
        reveal->trigger();
        QCOMPARE(key->echoMode(), QLineEdit::Normal);
        reveal->trigger();
        QCOMPARE(key->echoMode(), QLineEdit::Password);

        // Paste-friendly: surrounding white space is dropped.
        QTest::keyClicks(key, QStringLiteral("  ") + kSecret + QStringLiteral("  "));
        QSignalSpy saved(dialog, &CredentialDialog::saved);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(dialog->lastError()));

        const QModelIndex cell = panel()->model()->index(panel()->model()->rowOf(ProviderId::Resend),
                                                         ProvidersTableModel::CredentialColumn);
        QTRY_COMPARE(cell.data().toString(), QStringLiteral("Stored in keychain"));
        auto stored = QCoro::waitFor(m_vault->get(ProviderId::Resend, Profile::Production));
        QCOMPARE(stored->value(QStringLiteral("api_key")), kSecret);
    }

    void validationShownNextToTheField()
    {
        CredentialDialog* dialog = openDialogFor(ProviderId::Twilio);
        QVERIFY(dialog);
        QLineEdit* sid = dialog->fieldEdit(QStringLiteral("account_sid"));
        QLineEdit* token = dialog->fieldEdit(QStringLiteral("auth_token"));
        QTest::keyClicks(sid, QStringLiteral("SK-not-an-account"));
        QTest::keyClicks(token, kTwilioToken);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("account_sidProblemLabel"));
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains(QStringLiteral("AC followed by 32")));
        QVERIFY(dialog->isVisible());

        // Empty required field.
        sid->clear();
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains(QStringLiteral("required")));

        QTest::keyClicks(sid, QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QVERIFY(!problem->isVisible()); // editing clears the message
        QSignalSpy saved(dialog, &CredentialDialog::saved);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(dialog->lastError()));
        QTRY_COMPARE(panel()->model()->credentialStatus(ProviderId::Twilio), CredentialStatus::Stored);
    }

    void replaceKeepsStoredSecretWhenLeftEmpty()
    {
        CredentialDialog* dialog = openDialogFor(ProviderId::Twilio);
        QVERIFY(dialog);
        QCOMPARE(dialog->fieldEdit(QStringLiteral("account_sid"))->text(),
                 QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QVERIFY(dialog->fieldEdit(QStringLiteral("auth_token"))->text().isEmpty());
        QVERIFY(!dialog->fieldEdit(QStringLiteral("auth_token"))->placeholderText().isEmpty());
        QLineEdit* sid = dialog->fieldEdit(QStringLiteral("account_sid"));
        sid->clear();
        QTest::keyClicks(sid, QString(QStringLiteral("AC") + QString(32, u'f')));
        QSignalSpy saved(dialog, &CredentialDialog::saved);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(dialog->lastError()));
        auto stored = QCoro::waitFor(m_vault->get(ProviderId::Twilio, Profile::Production));
        QCOMPARE(stored->value(QStringLiteral("account_sid")),
                 QString(QStringLiteral("AC") + QString(32, u'f')));
        QCOMPARE(stored->value(QStringLiteral("auth_token")), kTwilioToken);
    }

    void deleteAfterConfirmation()
    {
        CredentialDialog* dialog = openDialogFor(ProviderId::Twilio);
        QVERIFY(dialog);
        auto* remove = dialog->findChild<QPushButton*>(QStringLiteral("deleteButton"));
        QVERIFY(remove->isVisible());
        QTimer::singleShot(0, this, [] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Yes)->click();
        });
        QSignalSpy deleted(dialog, &CredentialDialog::deleted);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(deleted.wait(20000));
        QTRY_COMPARE(panel()->model()->credentialStatus(ProviderId::Twilio), CredentialStatus::NotSet);
    }

    void settingsRefuseForeignHostInProduction()
    {
        SettingsDialog dialog(*m_settings, m_window.get());
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("endpointsTableWidget"));
        const int row = int(ProviderId::Resend);
        table->item(row, 2)->setText(QStringLiteral("https://proxy.example.com"));
        QVERIFY(!dialog.apply());
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("problemLabel"))
                    ->text()
                    .contains(QStringLiteral("Resend")));
        QVERIFY(m_settings->baseUrlOverride(ProviderId::Resend, Profile::Production).isEmpty());

        // Sandbox: the simulator on loopback over plain HTTP is fine.
        auto* profile = dialog.findChild<QComboBox*>(QStringLiteral("profileComboBox"));
        profile->setCurrentIndex(1);
        table->item(row, 2)->setText(QStringLiteral("http://127.0.0.1:18080/resend"));
        QVERIFY(dialog.apply());
        QCOMPARE(m_settings->activeProfile(), Profile::Sandbox);
        QCOMPARE(m_settings->effectiveBaseUrl(ProviderId::Resend, Profile::Sandbox),
                 QUrl(QStringLiteral("http://127.0.0.1:18080/resend")));
        QCOMPARE(m_settings->effectiveBaseUrl(ProviderId::Resend, Profile::Production),
                 QUrl(QStringLiteral("https://api.resend.com")));
        QVERIFY(panel()
                    ->findChild<QLabel*>(QStringLiteral("profileLabel"))
                    ->text()
                    .contains(QStringLiteral("Sandbox")));
        // The sandbox has its own credentials: Resend is not set there.
        QTRY_COMPARE(panel()->model()->credentialStatus(ProviderId::Resend), CredentialStatus::NotSet);
        m_settings->setActiveProfile(Profile::Production);
        QTRY_COMPARE(panel()->model()->credentialStatus(ProviderId::Resend), CredentialStatus::Stored);
    }

    void testButtonChecksAgainstTheSimulator()
    {
        sim::ProviderSimulator simulator(5);
        QVERIFY(simulator.listen());
        m_settings->setActiveProfile(Profile::Sandbox);
        m_settings->setBaseUrlOverride(ProviderId::Resend, Profile::Sandbox,
                                       simulator.baseUrl(ProviderId::Resend));
        Credential key;
        key.fields[QStringLiteral("api_key")] = QStringLiteral("sim-valid");
        QVERIFY(QCoro::waitFor(m_vault->set(ProviderId::Resend, Profile::Sandbox, key)).ok());

        ProvidersTableModel* model = panel()->model();
        const int row = model->rowOf(ProviderId::Resend);
        panel()->table()->setCurrentIndex(model->index(row, 0));
        QTest::mouseClick(panel()->findChild<QPushButton*>(QStringLiteral("testButton")), Qt::LeftButton);
        const QModelIndex status = model->index(row, ProvidersTableModel::StatusColumn);
        QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("Valid"), 20000);
        QVERIFY(!model->index(row, ProvidersTableModel::CheckedColumn).data().toString().isEmpty());
        QCOMPARE(simulator.requestLog(ProviderId::Resend).size(), 1);

        // A wrong key shows as Invalid, with the provider's words in the details.
        key.fields[QStringLiteral("api_key")] = QStringLiteral("wrong-key-123");
        QVERIFY(QCoro::waitFor(m_vault->set(ProviderId::Resend, Profile::Sandbox, key)).ok());
        QTest::mouseClick(panel()->findChild<QPushButton*>(QStringLiteral("testButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("Invalid"), 20000);
        QVERIFY(model->accountStatus(ProviderId::Resend)->error.has_value());
        panel()->showDetails(ProviderId::Resend);
        QTRY_VERIFY(panel()->findChild<QDialog*>(QStringLiteral("accountDetailsDialog")));
        panel()->findChild<QDialog*>(QStringLiteral("accountDetailsDialog"))->close();
        m_settings->setActiveProfile(Profile::Production);
    }

    void secretNeverWrittenToAFile()
    {
        m_qsettings->sync();
        qInfo() << "final check; the key was" << kSecret; // even a careless log line is redacted
        const QStringList roots = appWrittenRoots();
        // The app did write files: settings and a log.
        QVERIFY(!filesContaining(roots, "agency.vault").isEmpty());
        for (const QByteArray& secret : {kSecret.toUtf8(), kTwilioToken.toUtf8()}) {
            const QStringList hits = filesContaining(roots, secret);
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
        }
    }
};

QTEST_MAIN(TestProvidersPanel)
#include "tst_providers_panel.moc"
