package com.northwind.shop.orders.order;

import com.northwind.shop.orders.PageResponse;
import com.northwind.shop.orders.cart.CartLine;
import com.northwind.shop.orders.cart.Carts;
import com.northwind.shop.orders.config.OrdersProperties;
import com.northwind.shop.orders.product.ProductCatalogClient;
import com.northwind.shop.orders.product.ProductServiceUnavailableException;
import com.northwind.shop.orders.product.Reservation;
import com.northwind.shop.orders.product.ReservationRequest;
import com.northwind.shop.platform.events.Outbox;
import com.northwind.shop.platform.idempotency.IdempotencyKeyReusedException;
import com.northwind.shop.platform.idempotency.IdempotencyRecords;
import com.northwind.shop.platform.idempotency.StoredResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places, reads and changes orders. Placing talks to product-service outside any database transaction and writes
 * the order in one short transaction afterwards; a failure after reserving releases the reservation, so no order is
 * ever half-created.
 */
@Service
public class OrderService {

    /** The namespace of {@link #orderIdFor}'s name-based ids (random, fixed for ever: changing it changes every id). */
    private static final UUID ORDER_ID_NAMESPACE = UUID.fromString("6f1c1d1e-3b0a-4c52-9a57-4d0e2f5b8a31");

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final Orders orders;
    private final JdbcTemplate jdbc;
    private final IdempotencyRecords idempotency;
    private final ProductCatalogClient products;
    private final Carts carts;
    private final Outbox outbox;
    private final OrdersProperties properties;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final Clock clock;
    private final OrderMetrics metrics;

    OrderService(
            Orders orders,
            JdbcTemplate jdbc,
            ProductCatalogClient products,
            Carts carts,
            Outbox outbox,
            OrdersProperties properties,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            OrderMetrics metrics,
            Clock clock) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.idempotency = new IdempotencyRecords(jdbc);
        this.products = products;
        this.carts = carts;
        this.outbox = outbox;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Places an order from the request's items or, without a request, from the caller's cart. A repeated
     * {@code Idempotency-Key} with the same request answers what the first one answered.
     */
    public StoredResponse place(UUID userId, @Nullable String idempotencyKey, @Nullable PlaceOrderRequest request) {
        String key = IdempotencyRecords.requireKey(idempotencyKey);
        String requestHash =
                IdempotencyRecords.requestHash(request == null ? "cart" : json.writeValueAsString(request));
        Optional<StoredResponse> replay = idempotency.claim(userId, key, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return reserveAndWrite(userId, key, request, orderIdFor(userId, key));
        } catch (RuntimeException ex) {
            idempotency.abandon(userId, key);
            throw ex;
        }
    }

    /**
     * The id of the order a user places with a key: name-based (UUID version 5, SHA-1) on the user and the key, so
     * that a retry of a checkout that failed after product-service reserved (its answer lost, or the order's commit
     * failed) reuses that reservation instead of holding the stock a second time under a new id.
     */
    static UUID orderIdFor(UUID userId, String key) {
        byte[] name = (userId + "/" + key).getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(uuidBytes(ORDER_ID_NAMESPACE));
            byte[] hash = sha1.digest(name);
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    private StoredResponse reserveAndWrite(UUID userId, String key, @Nullable PlaceOrderRequest request, UUID orderId) {
        List<ReservationRequest.Line> wanted = request != null
                ? request.items().stream()
                        .map(item -> new ReservationRequest.Line(item.productId(), item.quantity()))
                        .toList()
                : carts.lines(userId).stream()
                        .map((CartLine line) -> new ReservationRequest.Line(line.productId(), line.quantity()))
                        .toList();
        if (wanted.isEmpty()) {
            throw new EmptyOrderException();
        }
        // The id exists before the order does: it is the reservation's id, so a retried reservation is one. The key's
        // record is not DONE (else this were a replay), so an order with this id exists only if the key was used
        // before its record was purged: a new request under an old key.
        if (orders.existsById(orderId)) {
            throw new IdempotencyKeyReusedException();
        }
        Reservation reservation;
        try {
            reservation = products.reserve(orderId, wanted);
        } catch (ProductServiceUnavailableException ex) {
            // The reservation may have committed with its answer lost: give the stock back now rather than when it
            // expires (the client's retry, same key and so same order id, reserves it again).
            products.releaseAfterFailedCheckout(orderId);
            throw ex;
        }
        try {
            StoredResponse response = transactions.execute(status -> {
                // The database's time: the expiry job compares the deadline with its now(), and product-service's
                // reservation deadline is its database's time too.
                Instant now = databaseNow();
                Instant deadline = deadline(now, reservation.expiresAt());
                List<OrderLine> lines = reservation.lines().stream()
                        .map(line -> new OrderLine(line.productId(), line.name(), line.quantity(), line.unitPrice()))
                        .toList();
                Order order = orders.saveAndFlush(Order.place(orderId, userId, lines, now, deadline));
                metrics.placed();
                if (request == null) {
                    carts.clear(userId);
                }
                StoredResponse answer = new StoredResponse(201, json.writeValueAsString(OrderResponse.from(order)));
                idempotency.complete(userId, key, answer);
                return answer;
            });
            return Objects.requireNonNull(response);
        } catch (RuntimeException ex) {
            // If the order's commit failed only as seen from here (it was written), the order can still be paid:
            // product-service takes the stock again for its OrderPaid, or answers StockUnavailable.
            products.releaseAfterFailedCheckout(orderId);
            throw ex;
        }
    }

    private Instant databaseNow() {
        return Objects.requireNonNull(jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class))
                .toInstant();
    }

    /**
     * Until when a new order may be paid: the payment window, but never later than a grace period before its stock
     * reservation expires, so that a payment accepted at the deadline still finds the stock held.
     */
    Instant deadline(Instant now, @Nullable Instant reservationExpiresAt) {
        Instant deadline = now.plus(properties.paymentWindow());
        if (reservationExpiresAt != null) {
            Instant reservationDeadline = reservationExpiresAt.minus(properties.reservationGrace());
            if (reservationDeadline.isBefore(deadline)) {
                deadline = reservationDeadline;
            }
        }
        return deadline;
    }

    /** Any order, for other services (payment-service checks an order before charging it). */
    public InternalOrderResponse lookup(UUID orderId) {
        return Objects.requireNonNull(readOnly.execute(status -> orders.findById(orderId)
                .map(InternalOrderResponse::from)
                .orElseThrow(() -> new OrderNotFoundException(orderId))));
    }

    /** The caller's orders, newest first. */
    public PageResponse<OrderResponse> mine(UUID userId, int page, int size) {
        return readOnly.execute(status -> pageOf(orders.findIdsByUserId(userId, pageable(page, size))));
    }

    /** Every order, newest first, optionally only those of one status. */
    public PageResponse<OrderResponse> all(@Nullable OrderStatus status, int page, int size) {
        return readOnly.execute(tx -> pageOf(
                status == null
                        ? orders.findAllIds(pageable(page, size))
                        : orders.findIdsByStatus(status, pageable(page, size))));
    }

    /** One of the caller's orders; another user's order is "not found", never "forbidden". */
    public OrderResponse get(UUID userId, UUID orderId) {
        return readOnly.execute(status -> OrderResponse.from(owned(userId, orderId)));
    }

    /** Cancels one of the caller's orders before it ships, and releases its stock. */
    public OrderResponse cancel(UUID userId, UUID orderId) {
        return cancel(orderId, "customer", order -> order.isOwnedBy(userId));
    }

    /** Cancels any order before it ships (admin). */
    public OrderResponse cancelAny(UUID orderId) {
        return cancel(orderId, "admin", order -> true);
    }

    public OrderResponse ship(UUID orderId) {
        return change(orderId, order -> order.ship(clock.instant()));
    }

    public OrderResponse deliver(UUID orderId) {
        return change(orderId, order -> order.deliver(clock.instant()));
    }

    private OrderResponse cancel(UUID orderId, String reason, Predicate<Order> mayCancel) {
        Order cancelled = transactions.execute(status -> {
            // The row lock makes a cancel and a payment of the same order (PaymentEventHandlers) run one after the
            // other.
            orders.lockById(orderId);
            Order order = orders.findWithLinesById(orderId)
                    .filter(mayCancel)
                    .orElseThrow(() -> new OrderNotFoundException(orderId));
            OrderStatus before = order.status();
            if (order.cancel(reason, clock.instant())) {
                publishCancelled(orders.saveAndFlush(order), before, reason);
                metrics.cancelled(reason);
            }
            return order;
        });
        // After commit and outside the transaction: a slow product-service never holds a database lock.
        products.releaseQuietly(orderId);
        return OrderResponse.from(Objects.requireNonNull(cancelled));
    }

    /**
     * Cancels one order whose payment deadline passed; the caller holds its row lock. {@code now} is the database's
     * time (its transaction's {@code now()}), the clock the deadline is compared with everywhere.
     */
    boolean expire(UUID orderId, Instant now) {
        Order order = orders.findWithLinesById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        if (!order.isExpired(now)) {
            return false;
        }
        OrderStatus before = order.status();
        order.cancel("expired", now);
        publishCancelled(orders.saveAndFlush(order), before, "expired");
        metrics.cancelled("expired");
        return true;
    }

    private void publishCancelled(Order order, OrderStatus before, String reason) {
        outbox.append(OrderCancelled.of(order, before, reason, clock.instant()), order.id(), order.version());
    }

    private OrderResponse change(UUID orderId, Consumer<Order> change) {
        return Objects.requireNonNull(transactions.execute(status -> {
            Order order = orders.findWithLinesById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            change.accept(order);
            return OrderResponse.from(orders.saveAndFlush(order));
        }));
    }

    private Order owned(UUID userId, UUID orderId) {
        return orders.findWithLinesById(orderId)
                .filter(order -> order.isOwnedBy(userId))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    private Pageable pageable(int page, int size) {
        return PageRequest.of(Math.max(0, page), Math.clamp(size, 1, properties.maxPageSize()), NEWEST_FIRST);
    }

    private PageResponse<OrderResponse> pageOf(Page<UUID> ids) {
        Map<UUID, Order> byId = ids.isEmpty()
                ? Map.of()
                : orders.findWithLinesByIdIn(ids.getContent()).stream()
                        .collect(Collectors.toMap(Order::id, Function.identity()));
        return PageResponse.of(
                ids,
                ids.getContent().stream()
                        .map(byId::get)
                        .filter(Objects::nonNull)
                        .map(OrderResponse::from)
                        .toList());
    }
}
