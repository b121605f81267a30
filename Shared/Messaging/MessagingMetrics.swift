import Metrics

/// Messaging counters and gauges, labelled by service (STYLE.md §c.8; reliability.md §4 names).
package struct MessagingMetrics: Sendable {
    package let published: Counter
    package let publishNacks: Counter
    package let publishReturns: Counter
    package let publishFailures: Counter
    package let outboxPending: Gauge
    package let outboxOldestAgeSeconds: Gauge
    package let consumedProcessed: Counter
    package let inboxDuplicates: Counter
    package let consumerRetries: Counter
    package let deadLettered: Counter

    package init(service: String) {
        let labels = [("service", service)]
        published = Counter(label: "outbox_published_total", dimensions: labels)
        publishNacks = Counter(label: "publish_nacks_total", dimensions: labels)
        publishReturns = Counter(label: "publish_returns_total", dimensions: labels)
        publishFailures = Counter(label: "publish_failures_total", dimensions: labels)
        outboxPending = Gauge(label: "outbox_pending", dimensions: labels)
        outboxOldestAgeSeconds = Gauge(label: "outbox_oldest_age_seconds", dimensions: labels)
        consumedProcessed = Counter(label: "messages_processed_total", dimensions: labels)
        inboxDuplicates = Counter(label: "inbox_duplicates_total", dimensions: labels)
        consumerRetries = Counter(label: "consumer_retries_total", dimensions: labels)
        deadLettered = Counter(label: "consumer_dead_lettered_total", dimensions: labels)
    }
}
