#pragma once

#include "metrics/filter.h"
#include "store/store.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTimer;

namespace RagScope {

class LatestJob;
class UserPicker;

/// The one filter for every page: a time window (preset or custom, UTC), a user and a model.
/// The choice is kept in QSettings; the user and model pickers are filled from the store.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    enum class Preset { Last24Hours, Last7Days, Last30Days, Last90Days, Custom };
    Q_ENUM(Preset)

    explicit FilterBar(QWidget* parent = nullptr);

    Filter filter() const { return m_filter; }
    Preset preset() const;
    void setPreset(Preset preset);
    /// Switches to Custom with this window (UTC). A window that does not start before it ends
    /// (or an invalid time) is refused: a message shows beside the inputs, no filter is emitted.
    void setCustomRange(const QDateTime& from, const QDateTime& to);
    /// Why the custom range typed is refused (shown beside the inputs), empty while it is valid.
    QString rangeError() const;
    /// Why the user typed in the picker was not applied (no such user), empty otherwise.
    QString userError() const;
    /// nullopt: all users / all models.
    void setUser(const std::optional<QString>& user);
    void setModel(const std::optional<QString>& model);

    /// Fills the user and model pickers from `store` off the GUI thread (null: disables them
    /// until the next store's choices come).
    void setStore(StorePtr store);
    bool isBusy() const;

    /// Moves a preset window forward to end now; emits filterChanged() and returns true if it moved.
    bool updateWindow();

    /// The window of a preset ending at `now` rounded up to the next whole minute (UTC).
    static Filter presetWindow(Preset preset, const QDateTime& now);

signals:
    void filterChanged(const RagScope::Filter& filter);
    /// The user and model pickers were refilled from the store.
    void choicesLoaded();

private:
    void restore();
    void save() const;
    void apply();
    void showRangeError(const QString& message);
    void fillCombo(QComboBox* combo, const QString& allText, const QStringList& values,
        const std::optional<QString>& keep);
    static std::optional<QString> comboValue(const QComboBox* combo);
    static void selectValue(QComboBox* combo, const std::optional<QString>& value);

    QComboBox* m_preset;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QLabel* m_rangeError;
    UserPicker* m_user;
    QLabel* m_userError;
    QComboBox* m_model;
    QTimer* m_customDelay;
    LatestJob* m_job;
    Filter m_filter;
};

} // namespace RagScope
