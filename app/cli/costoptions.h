#pragma once

#include "base/result.h"
#include "money/pricetable.h"
#include "pricing/costview.h"

#include <QCommandLineParser>

namespace RagScope::Cli {

/// --pricing FILE and --cost stored|recomputed, shared by the commands that show costs.
struct CostOptions
{
    PriceTable prices;
    CostView view = CostView::Stored;
};

/// Adds --pricing; with `withView` also --cost (default `defaultView`).
void addCostOptions(QCommandLineParser& parser, bool withView, CostView defaultView = CostView::Stored);
/// The price table (built-in without --pricing) and the view; a bad file or value fails.
/// `withView`: the parser has --cost.
Result<CostOptions> parseCostOptions(
    const QCommandLineParser& parser, bool withView, CostView defaultView = CostView::Stored);

} // namespace RagScope::Cli
