// The typed client of the Northwind Shop API, one openapi-fetch client per service document, all through one gateway.
// Paths, parameters, bodies and answers are typed from the committed documents (api/*.json).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths as OrderPaths } from "./generated/orders";
import type { paths as PaymentPaths } from "./generated/payments";
import type { paths as ProductPaths } from "./generated/products";
import type { paths as UserPaths } from "./generated/users";

export type { components as Orders } from "./generated/orders";
export type { components as Payments } from "./generated/payments";
export type { components as Products } from "./generated/products";
export type { components as Users } from "./generated/users";

export interface ShopClient {
  users: Client<UserPaths>;
  products: Client<ProductPaths>;
  orders: Client<OrderPaths>;
  payments: Client<PaymentPaths>;
}

/**
 * Clients for every service behind the gateway at `baseUrl` (e.g. "http://localhost:8080"). `accessToken` is asked
 * before each request; when it answers a token, the request carries it as `Authorization: Bearer`.
 */
export function shopClient(baseUrl: string, accessToken: () => string | undefined = () => undefined): ShopClient {
  const bearer: Middleware = {
    onRequest({ request }) {
      const token = accessToken();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
  const client = <P extends {}>() => {
    const c = createClient<P>({ baseUrl });
    c.use(bearer);
    return c;
  };
  return {
    users: client<UserPaths>(),
    products: client<ProductPaths>(),
    orders: client<OrderPaths>(),
    payments: client<PaymentPaths>(),
  };
}
