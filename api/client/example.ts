// The README's example, compiled in CI so that it stays true to the documents: order, then pay.
import { shopClient, type Orders } from "./index";

// The access token comes from POST /api/auth/login (shop.users.POST("/api/auth/login", {body: {email, password}})).
export async function buyOne(token: string, productId: string): Promise<Orders["schemas"]["OrderResponse"]> {
  const shop = shopClient("http://localhost:8080", () => token);

  const { data: order, error } = await shop.orders.POST("/api/orders", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { items: [{ productId, quantity: 1 }] },
  });
  if (!order?.id) throw new Error(error?.detail); // a Problem: type, title, status, detail, errors[]

  const paid = await shop.payments.POST("/api/payments", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: {
      orderId: order.id,
      card: { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123", holder: "Ada Lovelace" },
    },
  });
  if (paid.response.status !== 201) throw new Error(paid.error?.detail);
  return order;
}
