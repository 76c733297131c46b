import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** Password hashing (argon2id, the OWASP first choice), behind a provider. */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
