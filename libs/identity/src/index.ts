import { UserEntity } from './users/user.entity';

export { IdentityModule } from './identity.module';
export { IdentityHttpModule } from './identity-http.module';
export { AccessTokens } from './auth/access-tokens';
export { UsersService } from './users/users.service';
export { bearerToken } from './auth/bearer';

export const IDENTITY_ENTITIES = [UserEntity];
