#include "filterbar.h"
#include "i18n/localetime.h"

#include "appearance/semantictint.h"
#include "base/isotime.h"
#include "jobs/latestjob.h"
#include "metrics/metricscollector.h"
#include "userpicker.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QTimer>

namespace RagScope {

namespace {

// Settings keys and the stable names of the presets in them.
const QString kGroup = QStringLiteral("filter");
const QStringList kPresetKeys { QStringLiteral("24h"), QStringLiteral("7d"), QStringLiteral("30d"),
    QStringLiteral("90d"), QStringLiteral("custom") };

int presetDays(FilterBar::Preset preset)
{
    switch (preset) {
    case FilterBar::Preset::Last24Hours:
        return 1;
    case FilterBar::Preset::Last7Days:
        return 7;
    case FilterBar::Preset::Last30Days:
        return 30;
    case FilterBar::Preset::Last90Days:
    case FilterBar::Preset::Custom:
        break;
    }
    return 90;
}

QDateTimeEdit* makeDateEdit(QWidget* parent, const QString& accessibleName)
{
    auto* edit = new QDateTimeEdit(parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(LocaleTime::dateTimeFormat());
    edit->setCalendarPopup(true);
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_from(makeDateEdit(this, tr("From (UTC)")))
    , m_to(makeDateEdit(this, tr("To (UTC)")))
    , m_rangeError(new QLabel(this))
    , m_user(new UserPicker(this))
    , m_userError(new QLabel(this))
    , m_model(new QComboBox(this))
    , m_customDelay(new QTimer(this))
    , m_job(new LatestJob(this))
{
    m_preset->addItem(tr("Last 24 hours"));
    m_preset->addItem(tr("Last 7 days"));
    m_preset->addItem(tr("Last 30 days"));
    m_preset->addItem(tr("Last 90 days"));
    m_preset->addItem(tr("Custom range"));
    m_preset->setAccessibleName(tr("Time range"));
    m_user->setAccessibleName(tr("User"));
    m_model->setAccessibleName(tr("Model"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rangeError->setObjectName(QStringLiteral("rangeError"));
    m_rangeError->setAccessibleName(tr("Range error"));
    QFont bold = m_rangeError->font();
    bold.setBold(true);
    m_rangeError->setFont(bold);
    SemanticTint::set(m_rangeError, SemanticColors::Role::Error);
    m_rangeError->hide();
    m_userError->setObjectName(QStringLiteral("userError"));
    m_userError->setAccessibleName(tr("User error"));
    m_userError->setFont(bold);
    SemanticTint::set(m_userError, SemanticColors::Role::Error);
    m_userError->hide();
    m_customDelay->setSingleShot(true);
    m_customDelay->setInterval(400); // typing a date should not start a load per keystroke

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_preset);
    layout->addWidget(rangeLabel);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(tr("to"), this));
    layout->addWidget(m_to);
    layout->addWidget(new QLabel(tr("UTC"), this));
    layout->addWidget(m_rangeError);
    layout->addSpacing(fontMetrics().averageCharWidth() * 2);
    auto* userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    layout->addWidget(userLabel);
    layout->addWidget(m_user);
    layout->addWidget(m_userError);
    auto* modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_model);
    layout->addWidget(modelLabel);
    layout->addWidget(m_model);
    layout->addStretch();

    restore();

    connect(m_preset, &QComboBox::currentIndexChanged, this, &FilterBar::apply);
    connect(m_user, &QComboBox::currentIndexChanged, this, [this] {
        m_userError->hide();
        apply();
    });
    connect(m_user, &UserPicker::unknownUser, this, [this](const QString& typed) {
        m_userError->setText(tr("No user “%1” in this store: the filter is unchanged").arg(typed));
        m_userError->show();
    });
    connect(m_model, &QComboBox::currentIndexChanged, this, &FilterBar::apply);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, m_customDelay, qOverload<>(&QTimer::start));
    connect(m_to, &QDateTimeEdit::dateTimeChanged, m_customDelay, qOverload<>(&QTimer::start));
    connect(m_customDelay, &QTimer::timeout, this, &FilterBar::apply);
    connect(m_job, &LatestJob::busyChanged, m_user, &QWidget::setDisabled);
    connect(m_job, &LatestJob::busyChanged, m_model, &QWidget::setDisabled);
}

Filter FilterBar::presetWindow(Preset preset, const QDateTime& now)
{
    const QDateTime utc = now.toUTC();
    QDateTime end(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC);
    if (end < utc)
        end = end.addSecs(60);
    Filter filter;
    filter.to = end;
    filter.from = end.addSecs(-qint64(presetDays(preset)) * 86'400);
    return filter;
}

FilterBar::Preset FilterBar::preset() const
{
    return static_cast<Preset>(m_preset->currentIndex());
}

void FilterBar::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(static_cast<int>(preset));
}

void FilterBar::setCustomRange(const QDateTime& from, const QDateTime& to)
{
    if (!from.isValid() || !to.isValid()) {
        // the date edits cannot hold an invalid time: refuse here, before they keep the old one
        showRangeError(tr("Not a valid time: the range was not applied"));
        return;
    }
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_from->setDateTime(from.toUTC());
    m_to->setDateTime(to.toUTC());
    if (preset() == Preset::Custom)
        apply();
    else
        setPreset(Preset::Custom);
}

void FilterBar::setUser(const std::optional<QString>& user)
{
    m_user->setUser(user);
}

void FilterBar::setModel(const std::optional<QString>& model)
{
    selectValue(m_model, model);
}

void FilterBar::setStore(StorePtr store)
{
    if (!store) {
        m_job->cancel();
        // nothing to choose from until a store's choices come (the main window asks for them
        // once the page on screen has loaded)
        m_user->setDisabled(true);
        m_model->setDisabled(true);
        return;
    }
    m_job->start(
        [store] { return MetricsCollector(store, MetricsCollector::Answering::FromRollups).systemStats(); },
        [this](const Result<SystemStats>& stats) {
            if (!stats.ok())
                return; // the pages report store errors; the pickers keep what they had
            const QSignalBlocker blockUser(m_user);
            const QSignalBlocker blockModel(m_model);
            m_user->setUsers(stats->userIds, m_user->user());
            fillCombo(m_model, tr("All models"), stats->models, comboValue(m_model));
            emit choicesLoaded();
        });
}

bool FilterBar::isBusy() const
{
    return m_job->isBusy();
}

bool FilterBar::updateWindow()
{
    const Filter before = m_filter;
    apply();
    return !(before == m_filter);
}

void FilterBar::restore()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    const qsizetype presetIndex = kPresetKeys.indexOf(settings.value(QStringLiteral("preset")).toString());
    // Stored as ISO 8601 text and read back with the parser the CLI uses: a damaged value is
    // dropped (back to the default preset) rather than read as some other time.
    const auto storedTime = [&settings](const QString& key) {
        const auto parsed = parseIsoTime(settings.value(key).toString(), key);
        return parsed.ok() ? parsed.value() : QDateTime();
    };
    const QDateTime from = storedTime(QStringLiteral("from"));
    const QDateTime to = storedTime(QStringLiteral("to"));
    const auto optional = [&settings](const QString& key) -> std::optional<QString> {
        if (!settings.contains(key))
            return std::nullopt;
        return settings.value(key).toString();
    };
    m_user->setUsers({}, optional(QStringLiteral("user")));
    fillCombo(m_model, tr("All models"), {}, optional(QStringLiteral("model")));
    settings.endGroup();

    m_preset->setCurrentIndex(presetIndex < 0 ? static_cast<int>(Preset::Last7Days) : int(presetIndex));
    if (preset() == Preset::Custom && from.isValid() && to.isValid() && from < to) {
        m_from->setDateTime(from.toUTC());
        m_to->setDateTime(to.toUTC());
    } else if (preset() == Preset::Custom) {
        m_preset->setCurrentIndex(static_cast<int>(Preset::Last7Days));
    }
    apply();
}

void FilterBar::save() const
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("preset"), kPresetKeys.value(m_preset->currentIndex()));
    if (preset() == Preset::Custom) {
        settings.setValue(QStringLiteral("from"), m_filter.from.toUTC().toString(Qt::ISODateWithMs));
        settings.setValue(QStringLiteral("to"), m_filter.to.toUTC().toString(Qt::ISODateWithMs));
    }
    const auto store = [&settings](const QString& key, const std::optional<QString>& value) {
        if (value)
            settings.setValue(key, *value);
        else
            settings.remove(key);
    };
    store(QStringLiteral("user"), m_filter.user);
    store(QStringLiteral("model"), m_filter.model);
}

void FilterBar::apply()
{
    const bool custom = preset() == Preset::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    Filter next;
    if (custom) {
        next.from = m_from->dateTime().toUTC();
        next.to = m_to->dateTime().toUTC();
        if (next.from >= next.to) {
            // never applied, and said so: the pages keep the last valid window meanwhile
            showRangeError(tr("“From” must be before “To”: the range was not applied"));
            return;
        }
    } else {
        next = presetWindow(preset(), QDateTime::currentDateTimeUtc());
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDateTime(next.from);
        m_to->setDateTime(next.to);
    }
    showRangeError({});
    next.user = m_user->user();
    next.model = comboValue(m_model);
    if (next == m_filter)
        return;
    m_filter = next;
    save();
    emit filterChanged(m_filter);
}

QString FilterBar::rangeError() const
{
    return m_rangeError->isHidden() ? QString() : m_rangeError->text();
}

QString FilterBar::userError() const
{
    return m_userError->isHidden() ? QString() : m_userError->text();
}

void FilterBar::showRangeError(const QString& message)
{
    m_rangeError->setText(message);
    m_rangeError->setHidden(message.isEmpty());
}

void FilterBar::fillCombo(
    QComboBox* combo, const QString& allText, const QStringList& values, const std::optional<QString>& keep)
{
    combo->clear();
    combo->addItem(allText);
    for (const QString& value : values)
        combo->addItem(value, value);
    selectValue(combo, keep);
}

std::optional<QString> FilterBar::comboValue(const QComboBox* combo)
{
    const QVariant data = combo->currentData();
    if (!data.isValid())
        return std::nullopt;
    return data.toString();
}

void FilterBar::selectValue(QComboBox* combo, const std::optional<QString>& value)
{
    if (!value) {
        combo->setCurrentIndex(0);
        return;
    }
    int index = combo->findData(*value);
    if (index < 0) {
        // A remembered choice the store did not list (yet) stays selectable.
        combo->insertItem(1, *value, *value);
        index = 1;
    }
    combo->setCurrentIndex(index);
}

} // namespace RagScope
