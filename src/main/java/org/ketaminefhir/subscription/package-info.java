/**
 * R4 rest-hook Subscriptions with a delivery outbox in the shared database. A write that matches an active Subscription
 * records a pending notification in its own transaction, so no node's memory holds undelivered work; workers on every
 * node claim, deliver and retry them, one at a time and in order per Subscription.
 */
package org.ketaminefhir.subscription;
