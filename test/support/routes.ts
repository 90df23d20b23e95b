import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

export interface RegisteredRoute {
  method: string;
  /** Express-style path with the global prefix, e.g. `/api/v1/robots/:id`. */
  path: string;
  controller: string;
  handler: string;
}

/** Routes the app keeps outside the /api/v1 prefix (see ROOT_ROUTES in apps/field/src/create-app.ts). */
const UNPREFIXED = /^\/(health|metrics)$/;

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

/** Every route of every controller the app registered, read from Nest's own metadata. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
        for (const path of paths) {
          const own = join(base, path);
          routes.push({
            method: RequestMethod[method],
            path: UNPREFIXED.test(own) ? own : join('api/v1', own),
            controller: controller.name,
            handler: name,
          });
        }
      }
    }
  }
  return routes;
}

export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
