#include "fixtures.h"
#include "guitest.h"
#include "testdatabase.h"
#include "widgets/filterbar.h"
#include "widgets/userpicker.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using Preset = FilterBar::Preset;

class TestFilterBar : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void presetWindowEndsAtTheNextWholeMinute_data();
    void presetWindowEndsAtTheNextWholeMinute();
    void loadsWithinOneMinuteGetTheSameWindow();
    void choosingAPresetEmitsItsWindow();
    void choicePersistsAcrossInstances_data();
    void choicePersistsAcrossInstances();
    void customRangeThatEndsBeforeItStartsIsNotApplied();
    void refusedCustomRangeIsShownBesideTheInputs_data();
    void refusedCustomRangeIsShownBesideTheInputs();
    void typingAnEndBeforeTheStartIsRefusedVisibly();
    void damagedSavedRangeFallsBackToTheDefault_data();
    void damagedSavedRangeFallsBackToTheDefault();
    void pickersListStoreUsersAndModelsAfterAllEntry();
    void pickingAUserNarrowsTheFilter();
    void usersAreSortedByNameForTheLocale();
    void completerFindsAnyPartOfANameInAnyCase();
    void typingAListedUserInAnyCaseAppliesIt();
    void typingAnUnknownUserIsRefusedVisibly();

private:
    QTemporaryDir m_settingsDir;
};

void TestFilterBar::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTest-filterbar"));
}

void TestFilterBar::init()
{
    QSettings().clear();
}

void TestFilterBar::presetWindowEndsAtTheNextWholeMinute_data()
{
    QTest::addColumn<Preset>("preset");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    const auto utc
        = [](const char* iso) { return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs); };
    QTest::newRow("24h mid-minute") << Preset::Last24Hours << utc("2026-03-10T12:34:56.789Z")
                                    << utc("2026-03-09T12:35:00Z") << utc("2026-03-10T12:35:00Z");
    QTest::newRow("7d on the minute stays") << Preset::Last7Days << utc("2026-03-10T12:34:00.000Z")
                                            << utc("2026-03-03T12:34:00Z") << utc("2026-03-10T12:34:00Z");
    QTest::newRow("30d one ms past") << Preset::Last30Days << utc("2026-03-10T23:59:00.001Z")
                                     << utc("2026-02-09T00:00:00Z") << utc("2026-03-11T00:00:00Z");
    QTest::newRow("90d from local time")
        << Preset::Last90Days
        << QDateTime::fromString(QStringLiteral("2026-03-10T14:00:30+02:00"), Qt::ISODate)
        << utc("2025-12-10T12:01:00Z") << utc("2026-03-10T12:01:00Z");
}

void TestFilterBar::presetWindowEndsAtTheNextWholeMinute()
{
    QFETCH(Preset, preset);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    const Filter window = FilterBar::presetWindow(preset, now);
    QCOMPARE(window.from, from);
    QCOMPARE(window.to, to);
    QCOMPARE(window.to.timeSpec(), Qt::UTC);
}

void TestFilterBar::loadsWithinOneMinuteGetTheSameWindow()
{
    const QDateTime first = QDateTime::fromString(QStringLiteral("2026-03-10T12:34:01Z"), Qt::ISODate);
    QCOMPARE(FilterBar::presetWindow(Preset::Last7Days, first),
        FilterBar::presetWindow(Preset::Last7Days, first.addSecs(58)));
    QVERIFY(!(FilterBar::presetWindow(Preset::Last7Days, first)
        == FilterBar::presetWindow(Preset::Last7Days, first.addSecs(60))));
}

void TestFilterBar::choosingAPresetEmitsItsWindow()
{
    FilterBar bar;
    QCOMPARE(bar.preset(), Preset::Last7Days); // the default
    QSignalSpy spy(&bar, &FilterBar::filterChanged);
    bar.setPreset(Preset::Last30Days);
    QCOMPARE(spy.count(), 1);
    const Filter filter = spy.at(0).at(0).value<Filter>();
    QCOMPARE(filter.days(), 30.0);
    QVERIFY(filter.to >= QDateTime::currentDateTimeUtc());
    QVERIFY(filter.to <= QDateTime::currentDateTimeUtc().addSecs(60));
    QCOMPARE(filter.to.time().second(), 0);
    QVERIFY(!filter.user && !filter.model);
}

void TestFilterBar::choicePersistsAcrossInstances_data()
{
    QTest::addColumn<Preset>("preset");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("model");
    QTest::newRow("24h, one user") << Preset::Last24Hours << QStringLiteral("alice") << QString();
    QTest::newRow("90d, one model") << Preset::Last90Days << QString() << QStringLiteral("gemini-1.5-pro");
    QTest::newRow("custom, both") << Preset::Custom << QStringLiteral("bob")
                                  << QStringLiteral("gemini-1.5-flash");
}

void TestFilterBar::choicePersistsAcrossInstances()
{
    QFETCH(Preset, preset);
    QFETCH(QString, user);
    QFETCH(QString, model);
    const QDateTime from = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:00Z"), Qt::ISODate);
    const QDateTime to = QDateTime::fromString(QStringLiteral("2026-01-09T05:06:00Z"), Qt::ISODate);
    Filter chosen;
    {
        FilterBar bar;
        if (preset == Preset::Custom)
            bar.setCustomRange(from, to);
        else
            bar.setPreset(preset);
        bar.setUser(user.isEmpty() ? std::nullopt : std::optional<QString>(user));
        bar.setModel(model.isEmpty() ? std::nullopt : std::optional<QString>(model));
        chosen = bar.filter();
    }
    FilterBar again;
    QCOMPARE(again.preset(), preset);
    QCOMPARE(again.filter().user.value_or(QString()), user);
    QCOMPARE(again.filter().model.value_or(QString()), model);
    if (preset == Preset::Custom) {
        QCOMPARE(again.filter().from, from);
        QCOMPARE(again.filter().to, to);
    } else {
        QCOMPARE(again.filter().days(), chosen.days());
    }
}

void TestFilterBar::customRangeThatEndsBeforeItStartsIsNotApplied()
{
    FilterBar bar;
    const QDateTime from = QDateTime::fromString(QStringLiteral("2026-01-02T00:00:00Z"), Qt::ISODate);
    bar.setCustomRange(from, from.addDays(1));
    QSignalSpy spy(&bar, &FilterBar::filterChanged);
    bar.setCustomRange(from, from.addSecs(-3600));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(bar.filter().from, from);
    QCOMPARE(bar.filter().to, from.addDays(1));
}

void TestFilterBar::refusedCustomRangeIsShownBesideTheInputs_data()
{
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    const QDateTime start = QDateTime::fromString(QStringLiteral("2026-03-01T00:00:00Z"), Qt::ISODate);
    QTest::newRow("ends before it starts") << start << start.addSecs(-60);
    QTest::newRow("empty: from equals to") << start << start;
    QTest::newRow("invalid from") << QDateTime() << start;
    QTest::newRow("invalid to") << start << QDateTime();
}

void TestFilterBar::refusedCustomRangeIsShownBesideTheInputs()
{
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    const QDateTime validFrom = QDateTime::fromString(QStringLiteral("2026-01-02T00:00:00Z"), Qt::ISODate);
    bar.setCustomRange(validFrom, validFrom.addDays(3));
    const auto* message = bar.findChild<QLabel*>(QStringLiteral("rangeError"));
    QVERIFY(message);
    QVERIFY(!message->isVisible());
    QVERIFY(bar.rangeError().isEmpty());

    QSignalSpy spy(&bar, &FilterBar::filterChanged);
    bar.setCustomRange(from, to);
    QCOMPARE(spy.count(), 0);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("not applied")), qPrintable(message->text()));
    QCOMPARE(bar.rangeError(), message->text());
    QCOMPARE(bar.filter().from, validFrom);
    QCOMPARE(bar.filter().to, validFrom.addDays(3));

    // a valid range again: applied, and the message goes
    bar.setCustomRange(validFrom, validFrom.addDays(5));
    QCOMPARE(spy.count(), 1);
    QVERIFY(!message->isVisible());
    QVERIFY(bar.rangeError().isEmpty());
}

void TestFilterBar::typingAnEndBeforeTheStartIsRefusedVisibly()
{
    FilterBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    const QDateTime from = QDateTime::fromString(QStringLiteral("2026-01-02T00:00:00Z"), Qt::ISODate);
    bar.setCustomRange(from, from.addDays(1));
    QDateTimeEdit* toEdit = nullptr;
    for (QDateTimeEdit* edit : bar.findChildren<QDateTimeEdit*>()) {
        if (edit->accessibleName() == QLatin1String("To (UTC)"))
            toEdit = edit;
    }
    QVERIFY(toEdit);
    QSignalSpy spy(&bar, &FilterBar::filterChanged);
    toEdit->setDateTime(from.addDays(-1)); // as if typed: the bar applies it after a short delay
    QTRY_VERIFY_WITH_TIMEOUT(!bar.rangeError().isEmpty(), 5000);
    QTest::qWait(600);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(bar.filter().to, from.addDays(1));
    toEdit->setDateTime(from.addDays(2));
    QVERIFY(spy.wait(5000));
    QVERIFY(bar.rangeError().isEmpty());
    QCOMPARE(bar.filter().to, from.addDays(2));
}

void TestFilterBar::damagedSavedRangeFallsBackToTheDefault_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("restored");
    QTest::newRow("valid") << QStringLiteral("2026-01-02T03:04:00.000Z")
                           << QStringLiteral("2026-01-09T05:06:00Z") << true;
    QTest::newRow("trailing text") << QStringLiteral("2026-01-02T03:04:00Zjunk")
                                   << QStringLiteral("2026-01-09T05:06:00Z") << false;
    QTest::newRow("hour 25") << QStringLiteral("2026-01-02T25:00:00Z")
                             << QStringLiteral("2026-01-09T05:06:00Z") << false;
    QTest::newRow("offset +99:00") << QStringLiteral("2026-01-02T03:04:00Z")
                                   << QStringLiteral("2026-01-09T05:06:00+99:00") << false;
}

void TestFilterBar::damagedSavedRangeFallsBackToTheDefault()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, restored);
    {
        QSettings settings;
        settings.setValue(QStringLiteral("filter/preset"), QStringLiteral("custom"));
        settings.setValue(QStringLiteral("filter/from"), from);
        settings.setValue(QStringLiteral("filter/to"), to);
    }
    FilterBar bar;
    QCOMPARE(bar.preset(), restored ? Preset::Custom : Preset::Last7Days);
    if (restored) {
        QCOMPARE(bar.filter().from, QDateTime::fromString(from, Qt::ISODateWithMs));
        QCOMPARE(bar.filter().to, QDateTime::fromString(to, Qt::ISODateWithMs));
    }
}

namespace {

StorePtr storeWithTwoUsers(const Test::TestDatabase& db)
{
    const StorePtr store = db.open();
    const QList<std::pair<const char*, const char*>> rows { { "alice", "gemini-1.5-pro" },
        { "alice", "gemini-1.5-flash" }, { "bob", "gemini-1.5-pro" } };
    for (const auto& [user, model] : rows) {
        InteractionRecord record;
        record.userId = QLatin1String(user);
        record.query = QStringLiteral("q");
        record.answer = QStringLiteral("a");
        record.model = QLatin1String(model);
        Test::recordInteraction(store, record);
    }
    return store;
}

QStringList items(const QComboBox* combo)
{
    QStringList out;
    for (int i = 0; i < combo->count(); ++i)
        out << combo->itemText(i);
    return out;
}

} // namespace

void TestFilterBar::pickersListStoreUsersAndModelsAfterAllEntry()
{
    Test::TestDatabase db;
    FilterBar bar;
    QSignalSpy loaded(&bar, &FilterBar::choicesLoaded);
    bar.setStore(storeWithTwoUsers(db));
    QVERIFY(loaded.wait(20000));
    const auto combos = bar.findChildren<QComboBox*>();
    const auto byName = [&combos](const QString& name) {
        for (QComboBox* c : combos) {
            if (c->accessibleName() == name)
                return c;
        }
        return static_cast<QComboBox*>(nullptr);
    };
    QComboBox* users = byName(QStringLiteral("User"));
    QComboBox* models = byName(QStringLiteral("Model"));
    QVERIFY(users && models);
    QCOMPARE(items(users),
        (QStringList { QStringLiteral("All users"), QStringLiteral("alice"), QStringLiteral("bob") }));
    QCOMPARE(items(models).first(), QStringLiteral("All models"));
    QVERIFY(items(models).contains(QStringLiteral("gemini-1.5-pro")));
    QVERIFY(items(models).contains(QStringLiteral("gemini-1.5-flash")));
}

void TestFilterBar::pickingAUserNarrowsTheFilter()
{
    Test::TestDatabase db;
    FilterBar bar;
    QSignalSpy loaded(&bar, &FilterBar::choicesLoaded);
    bar.setStore(storeWithTwoUsers(db));
    QVERIFY(loaded.wait(20000));
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    for (QComboBox* combo : bar.findChildren<QComboBox*>()) {
        if (combo->accessibleName() == QLatin1String("User"))
            combo->setCurrentIndex(combo->findText(QStringLiteral("bob")));
    }
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Filter>().user, std::optional<QString>(QStringLiteral("bob")));
    QVERIFY(!changed.at(0).at(0).value<Filter>().model);
}

void TestFilterBar::usersAreSortedByNameForTheLocale()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    UserPicker picker;
    picker.setUsers(
        { QStringLiteral("user10"), QStringLiteral("bob"), QStringLiteral("Émile"), QStringLiteral("alice"),
            QStringLiteral("Carol"), QStringLiteral("user2"), QStringLiteral("frank") },
        std::nullopt);
    QLocale::setDefault(before);
    // Case and accents do not split the list; numbers count as numbers.
    QCOMPARE(items(&picker),
        (QStringList { QStringLiteral("All users"), QStringLiteral("alice"), QStringLiteral("bob"),
            QStringLiteral("Carol"), QStringLiteral("Émile"), QStringLiteral("frank"),
            QStringLiteral("user2"), QStringLiteral("user10") }));
    QVERIFY(!picker.user());
}

void TestFilterBar::completerFindsAnyPartOfANameInAnyCase()
{
    UserPicker picker;
    picker.setUsers(
        { QStringLiteral("alice.smith"), QStringLiteral("bob.jones"), QStringLiteral("carol.smith") },
        std::nullopt);
    QVERIFY(picker.isEditable());
    QCompleter* completer = picker.completer();
    QCOMPARE(completer->caseSensitivity(), Qt::CaseInsensitive);
    QCOMPARE(completer->filterMode(), Qt::MatchContains);
    completer->setCompletionPrefix(QStringLiteral("SMITH"));
    QStringList found;
    for (int i = 0; completer->setCurrentRow(i); ++i)
        found << completer->currentCompletion();
    QCOMPARE(found, (QStringList { QStringLiteral("alice.smith"), QStringLiteral("carol.smith") }));
}

void TestFilterBar::typingAListedUserInAnyCaseAppliesIt()
{
    Test::TestDatabase db;
    FilterBar bar;
    QSignalSpy loaded(&bar, &FilterBar::choicesLoaded);
    bar.setStore(storeWithTwoUsers(db));
    QVERIFY(loaded.wait(20000));
    auto* picker = bar.findChild<UserPicker*>();
    QVERIFY(picker);
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    picker->lineEdit()->setText(QStringLiteral("BOB"));
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<Filter>().user, std::optional<QString>(QStringLiteral("bob")));
    QCOMPARE(picker->currentText(), QStringLiteral("bob"));
    QVERIFY(bar.userError().isEmpty());

    picker->lineEdit()->clear(); // nothing typed: all users again
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    QCOMPARE(changed.count(), 2);
    QVERIFY(!changed.at(1).at(0).value<Filter>().user);
}

void TestFilterBar::typingAnUnknownUserIsRefusedVisibly()
{
    Test::TestDatabase db;
    FilterBar bar;
    QSignalSpy loaded(&bar, &FilterBar::choicesLoaded);
    bar.setStore(storeWithTwoUsers(db));
    QVERIFY(loaded.wait(20000));
    bar.setUser(QStringLiteral("alice"));
    auto* picker = bar.findChild<UserPicker*>();
    QSignalSpy changed(&bar, &FilterBar::filterChanged);
    picker->lineEdit()->setText(QStringLiteral("mallory"));
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    QCOMPARE(changed.count(), 0); // no filter on a user without rows
    QCOMPARE(bar.filter().user, std::optional<QString>(QStringLiteral("alice")));
    QCOMPARE(bar.userError(), QStringLiteral("No user “mallory” in this store: the filter is unchanged"));
    QCOMPARE(picker->lineEdit()->text(), QStringLiteral("alice")); // shows what still applies
    QCOMPARE(picker->count(), 3); // nothing was added

    picker->setCurrentIndex(picker->findText(QStringLiteral("bob"))); // a real choice clears the message
    QVERIFY(bar.userError().isEmpty());
}

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
