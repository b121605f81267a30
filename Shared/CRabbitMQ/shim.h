#ifndef CRABBITMQ_SHIM_H
#define CRABBITMQ_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* for pthread_setname_np */
#endif
#include <pthread.h>

/* rabbitmq-c >= 0.12 moved its headers under rabbitmq-c/; Debian 12 ships 0.11 with flat headers. */
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/ssl_socket.h>
#include <rabbitmq-c/tcp_socket.h>
#else
#include <amqp.h>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>
#endif

/* amqp_login() is C-variadic, which Swift cannot call: this fixed-arity wrapper logs in with SASL PLAIN. */
static inline amqp_rpc_reply_t crmq_login_plain(amqp_connection_state_t state, const char *vhost, int channel_max,
                                                int frame_max, int heartbeat, const char *user,
                                                const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user, password);
}

/* Names the calling thread (15 characters at most) so AMQP threads are visible in top -H and gdb. */
static inline void crmq_set_thread_name(const char *name) {
    pthread_setname_np(pthread_self(), name);
}

#endif
